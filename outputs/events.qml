<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16-Białowieża" styleCategories="AllStyleCategories" labelsEnabled="1" hasScaleBasedVisibilityFlag="0" maxScale="0" minScale="100000000">
  <renderer-v2 type="categorizedSymbol" attr="category" forceraster="0" symbollevels="0" enableorderby="0">
    <categories>
      <category value="founding" label="founding" symbol="0" render="true"/>
      <category value="imprisonment" label="imprisonment" symbol="1" render="true"/>
      <category value="escape" label="escape" symbol="2" render="true"/>
      <category value="expansion" label="expansion" symbol="3" render="true"/>
      <category value="alliance" label="alliance" symbol="4" render="true"/>
      <category value="clash" label="clash" symbol="5" render="true"/>
      <category value="killing" label="killing" symbol="6" render="true"/>
      <category value="kidnapping" label="kidnapping" symbol="7" render="true"/>
      <category value="extortion" label="extortion" symbol="8" render="true"/>
      <category value="security-operation" label="security operation" symbol="9" render="true"/>
      <category value="sanction" label="sanction" symbol="10" render="true"/>
      <category value="designation" label="designation" symbol="11" render="true"/>
      <category value="arrest" label="arrest" symbol="12" render="true"/>
      <category value="deportation" label="deportation" symbol="13" render="true"/>
      <category value="policy" label="policy" symbol="14" render="true"/>
      <category value="report" label="report" symbol="15" render="true"/>
    </categories>
    <symbols>
      <symbol type="marker" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="31,119,180,255"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;31,119,180,0&#x27; WHEN &quot;geo_precision&quot; = &#x27;admin2&#x27; THEN &#x27;31,119,180,130&#x27; ELSE &#x27;31,119,180,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;31,119,180,255&#x27; ELSE &#x27;255,255,255,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 0.9 ELSE 0.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 4.2 ELSE 3.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="1" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="140,86,75,255"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;140,86,75,0&#x27; WHEN &quot;geo_precision&quot; = &#x27;admin2&#x27; THEN &#x27;140,86,75,130&#x27; ELSE &#x27;140,86,75,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;140,86,75,255&#x27; ELSE &#x27;255,255,255,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 0.9 ELSE 0.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 4.2 ELSE 3.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="2" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="255,127,14,255"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;255,127,14,0&#x27; WHEN &quot;geo_precision&quot; = &#x27;admin2&#x27; THEN &#x27;255,127,14,130&#x27; ELSE &#x27;255,127,14,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;255,127,14,255&#x27; ELSE &#x27;255,255,255,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 0.9 ELSE 0.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 4.2 ELSE 3.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="3" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="44,160,44,255"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;44,160,44,0&#x27; WHEN &quot;geo_precision&quot; = &#x27;admin2&#x27; THEN &#x27;44,160,44,130&#x27; ELSE &#x27;44,160,44,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;44,160,44,255&#x27; ELSE &#x27;255,255,255,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 0.9 ELSE 0.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 4.2 ELSE 3.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="4" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="23,190,207,255"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;23,190,207,0&#x27; WHEN &quot;geo_precision&quot; = &#x27;admin2&#x27; THEN &#x27;23,190,207,130&#x27; ELSE &#x27;23,190,207,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;23,190,207,255&#x27; ELSE &#x27;255,255,255,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 0.9 ELSE 0.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 4.2 ELSE 3.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="5" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="214,39,40,255"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;214,39,40,0&#x27; WHEN &quot;geo_precision&quot; = &#x27;admin2&#x27; THEN &#x27;214,39,40,130&#x27; ELSE &#x27;214,39,40,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;214,39,40,255&#x27; ELSE &#x27;255,255,255,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 0.9 ELSE 0.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 4.2 ELSE 3.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="6" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="127,0,0,255"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;127,0,0,0&#x27; WHEN &quot;geo_precision&quot; = &#x27;admin2&#x27; THEN &#x27;127,0,0,130&#x27; ELSE &#x27;127,0,0,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;127,0,0,255&#x27; ELSE &#x27;255,255,255,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 0.9 ELSE 0.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 4.2 ELSE 3.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="7" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="227,119,194,255"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;227,119,194,0&#x27; WHEN &quot;geo_precision&quot; = &#x27;admin2&#x27; THEN &#x27;227,119,194,130&#x27; ELSE &#x27;227,119,194,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;227,119,194,255&#x27; ELSE &#x27;255,255,255,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 0.9 ELSE 0.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 4.2 ELSE 3.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="8" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="188,189,34,255"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;188,189,34,0&#x27; WHEN &quot;geo_precision&quot; = &#x27;admin2&#x27; THEN &#x27;188,189,34,130&#x27; ELSE &#x27;188,189,34,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;188,189,34,255&#x27; ELSE &#x27;255,255,255,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 0.9 ELSE 0.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 4.2 ELSE 3.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="9" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="57,59,121,255"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;57,59,121,0&#x27; WHEN &quot;geo_precision&quot; = &#x27;admin2&#x27; THEN &#x27;57,59,121,130&#x27; ELSE &#x27;57,59,121,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;57,59,121,255&#x27; ELSE &#x27;255,255,255,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 0.9 ELSE 0.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 4.2 ELSE 3.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="10" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="148,103,189,255"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;148,103,189,0&#x27; WHEN &quot;geo_precision&quot; = &#x27;admin2&#x27; THEN &#x27;148,103,189,130&#x27; ELSE &#x27;148,103,189,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;148,103,189,255&#x27; ELSE &#x27;255,255,255,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 0.9 ELSE 0.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 4.2 ELSE 3.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="11" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="99,121,57,255"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;99,121,57,0&#x27; WHEN &quot;geo_precision&quot; = &#x27;admin2&#x27; THEN &#x27;99,121,57,130&#x27; ELSE &#x27;99,121,57,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;99,121,57,255&#x27; ELSE &#x27;255,255,255,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 0.9 ELSE 0.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 4.2 ELSE 3.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="12" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="132,60,57,255"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;132,60,57,0&#x27; WHEN &quot;geo_precision&quot; = &#x27;admin2&#x27; THEN &#x27;132,60,57,130&#x27; ELSE &#x27;132,60,57,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;132,60,57,255&#x27; ELSE &#x27;255,255,255,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 0.9 ELSE 0.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 4.2 ELSE 3.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="13" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="123,65,115,255"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;123,65,115,0&#x27; WHEN &quot;geo_precision&quot; = &#x27;admin2&#x27; THEN &#x27;123,65,115,130&#x27; ELSE &#x27;123,65,115,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;123,65,115,255&#x27; ELSE &#x27;255,255,255,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 0.9 ELSE 0.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 4.2 ELSE 3.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="14" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="49,130,189,255"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;49,130,189,0&#x27; WHEN &quot;geo_precision&quot; = &#x27;admin2&#x27; THEN &#x27;49,130,189,130&#x27; ELSE &#x27;49,130,189,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;49,130,189,255&#x27; ELSE &#x27;255,255,255,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 0.9 ELSE 0.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 4.2 ELSE 3.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="15" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="127,127,127,255"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;127,127,127,0&#x27; WHEN &quot;geo_precision&quot; = &#x27;admin2&#x27; THEN &#x27;127,127,127,130&#x27; ELSE &#x27;127,127,127,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN &#x27;127,127,127,255&#x27; ELSE &#x27;255,255,255,255&#x27; END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 0.9 ELSE 0.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="size" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="CASE WHEN &quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;) THEN 4.2 ELSE 3.4 END"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="label" isExpression="0" fontSize="8" fontSizeUnit="Point" textColor="30,30,30,255" fontWeight="50" namedStyle="Regular">
        <text-buffer bufferDraw="1" bufferSize="0.8" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="0.85" bufferNoFill="0" bufferJoinStyle="128"/>
      </text-style>
      <text-format wrapChar="" autoWrapLength="22" multilineAlign="3"/>
      <placement placement="6" dist="1.2" distUnits="MM" offsetType="1" priority="5"/>
      <rendering drawLabels="1" obstacle="1" displayAll="0" upsidedownLabels="0" labelPerPart="0" mergeLines="0" minFeatureSize="0" limitNumLabels="0" maxNumLabels="2000" scaleVisibility="0"/>
    </settings>
  </labeling>
  <temporal enabled="1" mode="2" startField="date_start" endField="date_end" limitMode="0" accumulate="0" durationField="" durationUnit="min" fixedDuration="0" startExpression="" endExpression="">
    <fixedRange><start></start><end></end></fixedRange>
  </temporal>
</qgis>

<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16-Białowieża" styleCategories="AllStyleCategories" labelsEnabled="1" hasScaleBasedVisibilityFlag="0" maxScale="0" minScale="100000000">
  <renderer-v2 type="RuleRenderer" forceraster="0" symbollevels="0" enableorderby="0">
    <rules key="root">
      <rule key="reported" label="reported" filter="&quot;status&quot; = &#x27;reported&#x27;">
      <rule key="reported-precise" label="a site or a town" filter="&quot;geo_precision&quot; IN (&#x27;exact&#x27;,&#x27;locality&#x27;)" symbol="0"/>
      <rule key="reported-near" label="near a point (within its radius)" filter="&quot;geo_precision&quot; IN (&#x27;admin2&#x27;)" symbol="1"/>
      <rule key="reported-wide" label="hollow: known only to a state or country" filter="&quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;)" symbol="2"/>
      </rule>
      <rule key="alleged" label="alleged" filter="&quot;status&quot; = &#x27;alleged&#x27;">
      <rule key="alleged-precise" label="a site or a town" filter="&quot;geo_precision&quot; IN (&#x27;exact&#x27;,&#x27;locality&#x27;)" symbol="3"/>
      <rule key="alleged-near" label="near a point (within its radius)" filter="&quot;geo_precision&quot; IN (&#x27;admin2&#x27;)" symbol="4"/>
      <rule key="alleged-wide" label="hollow: known only to a state or country" filter="&quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;)" symbol="5"/>
      </rule>
      <rule key="disputed" label="disputed" filter="&quot;status&quot; = &#x27;disputed&#x27;">
      <rule key="disputed-precise" label="a site or a town" filter="&quot;geo_precision&quot; IN (&#x27;exact&#x27;,&#x27;locality&#x27;)" symbol="6"/>
      <rule key="disputed-near" label="near a point (within its radius)" filter="&quot;geo_precision&quot; IN (&#x27;admin2&#x27;)" symbol="7"/>
      <rule key="disputed-wide" label="hollow: known only to a state or country" filter="&quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;)" symbol="8"/>
      </rule>
      <rule key="outdated" label="outdated" filter="&quot;status&quot; = &#x27;outdated&#x27;">
      <rule key="outdated-precise" label="a site or a town" filter="&quot;geo_precision&quot; IN (&#x27;exact&#x27;,&#x27;locality&#x27;)" symbol="9"/>
      <rule key="outdated-near" label="near a point (within its radius)" filter="&quot;geo_precision&quot; IN (&#x27;admin2&#x27;)" symbol="10"/>
      <rule key="outdated-wide" label="hollow: known only to a state or country" filter="&quot;geo_precision&quot; IN (&#x27;admin1&#x27;,&#x27;country&#x27;)" symbol="11"/>
      </rule>
      <rule key="presence-undated" label="dashed: undated by the sources, so shown on every date" filter="&quot;date&quot; IS NULL" symbol="12"/>
    </rules>
    <symbols>
      <symbol type="marker" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="0,114,178,255"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="40,40,40,220"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.3"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="marker" name="1" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="0,114,178,120"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="0,114,178,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.6"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="marker" name="2" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="0,114,178,0"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="40,40,40,220"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="1.2"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="4.2"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
        </layer>
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="0,114,178,0"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="0,114,178,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.7"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="4.2"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="marker" name="3" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="230,159,0,255"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="40,40,40,220"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.3"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="marker" name="4" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="230,159,0,120"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="230,159,0,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.6"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="marker" name="5" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="230,159,0,0"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="40,40,40,220"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="1.2"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="4.2"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
        </layer>
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="230,159,0,0"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="230,159,0,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.7"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="4.2"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="marker" name="6" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="204,121,167,255"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="40,40,40,220"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.3"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="marker" name="7" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="204,121,167,120"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="204,121,167,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.6"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="marker" name="8" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="204,121,167,0"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="40,40,40,220"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="1.2"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="4.2"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
        </layer>
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="204,121,167,0"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="204,121,167,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.7"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="4.2"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="marker" name="9" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="153,153,153,255"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="40,40,40,220"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.3"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="marker" name="10" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="153,153,153,120"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="153,153,153,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.6"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.4"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="marker" name="11" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="153,153,153,0"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="40,40,40,220"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="1.2"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="4.2"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
        </layer>
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="153,153,153,0"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="153,153,153,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.7"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="4.2"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="marker" name="12" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="40,40,40,0"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="size" type="QString" value="5.6"/>
            <Option name="size_unit" type="QString" value="MM"/>
            <Option name="outline_color" type="QString" value="40,40,40,210"/>
            <Option name="outline_style" type="QString" value="dash"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
          </Option>
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

<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16-Białowieża" styleCategories="AllStyleCategories" labelsEnabled="1" hasScaleBasedVisibilityFlag="0" maxScale="0" minScale="100000000">
  <renderer-v2 type="RuleRenderer" forceraster="0" symbollevels="0" enableorderby="0">
    <rules key="root">
      <rule key="reported" label="reported" filter="&quot;status&quot; = &#x27;reported&#x27;">
      <rule key="reported-circle" label="around a point (its uncertainty radius)" filter="&quot;drawn_as&quot; = &#x27;circle&#x27;" symbol="0"/>
      <rule key="reported-admin1" label="a whole state or department" filter="&quot;drawn_as&quot; = &#x27;admin1&#x27;" symbol="1"/>
      <rule key="reported-country" label="a whole country" filter="&quot;drawn_as&quot; = &#x27;country&#x27;" symbol="2"/>
      </rule>
      <rule key="alleged" label="alleged" filter="&quot;status&quot; = &#x27;alleged&#x27;">
      <rule key="alleged-circle" label="around a point (its uncertainty radius)" filter="&quot;drawn_as&quot; = &#x27;circle&#x27;" symbol="3"/>
      <rule key="alleged-admin1" label="a whole state or department" filter="&quot;drawn_as&quot; = &#x27;admin1&#x27;" symbol="4"/>
      <rule key="alleged-country" label="a whole country" filter="&quot;drawn_as&quot; = &#x27;country&#x27;" symbol="5"/>
      </rule>
      <rule key="disputed" label="disputed" filter="&quot;status&quot; = &#x27;disputed&#x27;">
      <rule key="disputed-circle" label="around a point (its uncertainty radius)" filter="&quot;drawn_as&quot; = &#x27;circle&#x27;" symbol="6"/>
      <rule key="disputed-admin1" label="a whole state or department" filter="&quot;drawn_as&quot; = &#x27;admin1&#x27;" symbol="7"/>
      <rule key="disputed-country" label="a whole country" filter="&quot;drawn_as&quot; = &#x27;country&#x27;" symbol="8"/>
      </rule>
      <rule key="outdated" label="outdated" filter="&quot;status&quot; = &#x27;outdated&#x27;">
      <rule key="outdated-circle" label="around a point (its uncertainty radius)" filter="&quot;drawn_as&quot; = &#x27;circle&#x27;" symbol="9"/>
      <rule key="outdated-admin1" label="a whole state or department" filter="&quot;drawn_as&quot; = &#x27;admin1&#x27;" symbol="10"/>
      <rule key="outdated-country" label="a whole country" filter="&quot;drawn_as&quot; = &#x27;country&#x27;" symbol="11"/>
      </rule>
      <rule key="presence-undated" label="dashed: undated by the sources, so shown on every date" filter="&quot;date&quot; IS NULL" symbol="12"/>
    </rules>
    <symbols>
      <symbol type="fill" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="0,114,178,110"/>
            <Option name="outline_color" type="QString" value="0,114,178,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="fill" name="1" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="0,114,178,60"/>
            <Option name="outline_color" type="QString" value="0,114,178,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="fill" name="2" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="0,114,178,35"/>
            <Option name="outline_color" type="QString" value="0,114,178,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="fill" name="3" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="230,159,0,110"/>
            <Option name="outline_color" type="QString" value="230,159,0,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="fill" name="4" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="230,159,0,60"/>
            <Option name="outline_color" type="QString" value="230,159,0,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="fill" name="5" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="230,159,0,35"/>
            <Option name="outline_color" type="QString" value="230,159,0,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="fill" name="6" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="204,121,167,110"/>
            <Option name="outline_color" type="QString" value="204,121,167,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="fill" name="7" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="204,121,167,60"/>
            <Option name="outline_color" type="QString" value="204,121,167,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="fill" name="8" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="204,121,167,35"/>
            <Option name="outline_color" type="QString" value="204,121,167,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="fill" name="9" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="153,153,153,110"/>
            <Option name="outline_color" type="QString" value="153,153,153,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="fill" name="10" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="153,153,153,60"/>
            <Option name="outline_color" type="QString" value="153,153,153,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="fill" name="11" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="153,153,153,35"/>
            <Option name="outline_color" type="QString" value="153,153,153,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="fill" name="12" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="40,40,40,0"/>
            <Option name="style" type="QString" value="no"/>
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
      <placement placement="0" dist="1.2" distUnits="MM" offsetType="1" priority="5"/>
      <rendering drawLabels="1" obstacle="1" displayAll="0" upsidedownLabels="0" labelPerPart="0" mergeLines="0" minFeatureSize="0" limitNumLabels="0" maxNumLabels="2000" scaleVisibility="0"/>
    </settings>
  </labeling>
  <temporal enabled="1" mode="2" startField="date_start" endField="date_end" limitMode="0" accumulate="0" durationField="" durationUnit="min" fixedDuration="0" startExpression="" endExpression="">
    <fixedRange><start></start><end></end></fixedRange>
  </temporal>
</qgis>

<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16-Białowieża" styleCategories="AllStyleCategories" labelsEnabled="1" hasScaleBasedVisibilityFlag="0" maxScale="0" minScale="100000000">
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="Name" isExpression="0" fontSize="8" fontSizeUnit="Point" textColor="30,30,30,255" fontWeight="50" namedStyle="Regular">
        <text-buffer bufferDraw="1" bufferSize="0.8" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="0.85" bufferNoFill="0" bufferJoinStyle="128"/>
      </text-style>
      <text-format wrapChar="" autoWrapLength="22" multilineAlign="3"/>
      <placement placement="6" dist="1.2" distUnits="MM" offsetType="1" priority="5"/>
      <rendering drawLabels="1" obstacle="1" displayAll="0" upsidedownLabels="0" labelPerPart="0" mergeLines="0" minFeatureSize="0" limitNumLabels="0" maxNumLabels="2000" scaleVisibility="0"/>
    </settings>
  </labeling>
  <temporal enabled="1" mode="4" startField="" endField="" startExpression="coalesce(&quot;begin&quot;, make_datetime(1,1,1,0,0,0))" endExpression="coalesce(&quot;end&quot;, make_datetime(9999,12,31,23,59,59))" limitMode="0" accumulate="0" durationField="" durationUnit="min" fixedDuration="0">
    <fixedRange><start></start><end></end></fixedRange>
  </temporal>
</qgis>

"""The KML and KMZ writers (tda_export.formats.maps.kml)."""

from __future__ import annotations

import importlib.util
import io
import os
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any, get_args

import pytest

from tda_export.factbase import FactBase
from tda_export.filters import RecordFilter
from tda_export.formats.maps import kml as kml_mod
from tda_export.formats.maps import kmlstyle
from tda_export.formats.maps.context import MapContext, layer_features
from tda_export.formats.maps.kml import KMZ_DATE_TIME, write_kml, write_kmz
from tda_export.formats.maps.kmlstyle import cdata, icon_files, kml_colour, style_table, xml_text
from tda_export.formats.maps.mapping import FIELDS
from tda_export.validation import load_checked
from tda_export.vocab import ClaimStatus, EventCategory

HERE = Path(__file__).parent
EXPECTED = HERE / "expected" / "kml"
MAPS = HERE / "fixtures" / "maps" / "facts"
NS = {"k": "http://www.opengis.net/kml/2.2"}
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")


def assert_golden(path: Path, text: str) -> None:
    """Compare with a golden file; TDA_UPDATE_GOLDEN=1 rewrites it (deliberately)."""
    if os.environ.get("TDA_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    assert path.read_text(encoding="utf-8") == text, f"{path} differs"


@pytest.fixture(scope="module")
def small_base() -> FactBase:
    return load_checked(HERE / "fixtures" / "small" / "facts")


@pytest.fixture(scope="module")
def maps_base() -> FactBase:
    return load_checked(MAPS)


def render(base: FactBase, record_filter: RecordFilter | None = None) -> str:
    buf = io.StringIO()
    write_kml(base, buf, record_filter)
    return buf.getvalue()


@pytest.fixture(scope="module")
def maps_tree(maps_base: FactBase) -> ET.Element:
    return ET.fromstring(render(maps_base).encode("utf-8"))


def placemark(tree: ET.Element, pid: str) -> ET.Element:
    found = tree.find(f".//k:Placemark[@id='{pid}']", NS)
    assert found is not None, pid
    return found


def simple_data(pm: ET.Element) -> dict[str, str]:
    return {e.attrib["name"]: e.text or "" for e in pm.iterfind(".//k:SimpleData", NS)}


# -- escaping ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", "plain"),
        ("a & b <c> 'd' \"e\"", "a &amp; b &lt;c&gt; 'd' \"e\""),
        ("bell \x07 and \x01", "bell \ufffd and \ufffd"),
        ("tab\tnewline\n", "tab\tnewline\n"),
        ("bad \ufffe", "bad \ufffd"),
        (8000, "8000"),
    ],
)
def test_xml_text(text: object, expected: str) -> None:
    assert xml_text(text) == expected


def test_cdata_splits_its_end_marker() -> None:
    text = cdata("a ]]> b \x01")
    assert text == "<![CDATA[a ]]]]><![CDATA[> b \ufffd]]>"
    root = ET.fromstring(f"<d>{text}</d>")
    assert root.text == "a ]]> b \ufffd"


def test_kml_colour() -> None:
    assert kml_colour("#d7301f") == "ff1f30d7"
    assert kml_colour("#08519c", "66") == "669c5108"


def test_one_palette_for_statuses_groups_and_places() -> None:
    from tda_export.formats.maps import palette

    table = style_table()
    assert {f"presence-{s}" for s in get_args(ClaimStatus)} <= set(table)
    assert {f"event-{kmlstyle.group_key(g)}" for g in palette.GROUP_COLOURS} <= set(table)
    for status, colour in palette.STATUS_COLOURS.items():
        assert table[f"presence-{status}"][0] == colour
    for group, colour in palette.GROUP_COLOURS.items():
        assert table[f"event-{kmlstyle.group_key(group)}"][0] == colour
    assert table["place"][0] == palette.PLACE_COLOUR
    grouped = [c for cats in palette.group_categories().values() for c in cats]
    assert sorted(grouped) == sorted(get_args(EventCategory))  # every category in one group
    events = [colour for sid, (colour, _) in table.items() if sid.startswith("event-")]
    assert len(set(events)) == len(events) == 4


# -- document structure ------------------------------------------------------------------------
SUBS = [
    ("presence-points", "Presence (points)"),
    ("presence-areas", "Presence (areas)"),
    ("events-points", "Events (points)"),
    ("events-areas", "Events (areas)"),
    ("places-points", "Places (points)"),
    ("places-areas", "Places (areas)"),
]


def test_document_layout(maps_tree: ET.Element) -> None:
    doc = maps_tree.find("k:Document", NS)
    assert doc is not None
    children = [child.tag.split("}")[1] for child in doc]
    assert children[:4] == ["name", "open", "description", "LookAt"]
    assert children[4:-6] == ["Style", "Style", "StyleMap"] * 2 * len(style_table())
    assert children[-6:] == ["Document"] * 6  # no Folder: GDAL would read it as an empty layer
    subs = [(d.attrib["id"], d.findtext("k:name", namespaces=NS)) for d in doc[-6:]]
    assert subs == SUBS


def test_each_sub_document_has_one_schema_and_one_geometry_type(maps_tree: ET.Element) -> None:
    for sub in maps_tree.iterfind("k:Document/k:Document", NS):
        layer, form = sub.attrib["id"].split("-")
        schemas = sub.findall("k:Schema", NS)
        assert len(schemas) == 1
        schema = schemas[0]
        assert schema.attrib == {"name": layer, "id": f"{sub.attrib['id']}-schema"}
        fields = [(f.attrib["name"], f.attrib["type"]) for f in schema]
        assert fields == [
            ("title" if n == "name" else n, t) for n, t in FIELDS[layer] if n != "label"
        ]
        placemarks = sub.findall("k:Placemark", NS)
        assert placemarks
        for pm in placemarks:
            data = pm.find("k:ExtendedData/k:SchemaData", NS)
            assert data is not None
            assert data.attrib["schemaUrl"] == "#" + schema.attrib["id"]
            geometry = [child.tag.split("}")[1] for child in pm][-1]
            if form == "points":
                assert geometry == "Point", pm.attrib["id"]
            else:
                assert geometry == "MultiGeometry", pm.attrib["id"]
                parts = {child.tag.split("}")[1] for child in pm[-1]}
                assert parts == {"Polygon"}, pm.attrib["id"]


def test_styles_are_shared_not_repeated(maps_base: FactBase, maps_tree: ET.Element) -> None:
    # a StyleMap (normal, highlight) per status, group and places, plain and wide
    assert len(maps_tree.findall(".//k:StyleMap", NS)) == 2 * len(style_table())
    assert len(maps_tree.findall(".//k:Style", NS)) == 4 * len(style_table())
    assert not maps_tree.findall(".//k:Placemark/k:Style", NS)
    urls = {
        pm.findtext("k:styleUrl", namespaces=NS) for pm in maps_tree.iterfind(".//k:Placemark", NS)
    }
    # states and countries (Aragua, Trinidad and Tobago, Venezuela) get the wide forms
    assert urls == {
        "#presence-outdated",  # Cúcuta's circle
        "#presence-reported-wide",
        "#presence-disputed-wide",
        "#presence-alleged-wide",
        "#event-expansion-and-crime",  # a clash
        "#event-state-response",  # a security operation
        "#event-expansion-and-crime-wide",  # an expansion
        "#event-state-response-wide",  # arrests
        "#place",
        "#place-wide",
    }
    style = maps_tree.find(".//k:Style[@id='presence-reported-normal']", NS)
    assert style is not None
    assert style.findtext("k:LineStyle/k:color", namespaces=NS) == "ffb27200"  # #0072B2
    assert style.findtext("k:PolyStyle/k:color", namespaces=NS) == "40b27200"
    assert style.find("k:IconStyle/k:Icon", NS) is None  # the plain KML names no file
    assert style.findtext("k:BalloonStyle/k:text", namespaces=NS) == "$[description]"
    pairs = maps_tree.find(".//k:StyleMap[@id='place-wide']", NS)
    assert pairs is not None
    assert [
        (p.findtext("k:key", namespaces=NS), p.findtext("k:styleUrl", namespaces=NS)) for p in pairs
    ] == [("normal", "#place-wide-normal"), ("highlight", "#place-wide-highlight")]
    inside = io.BytesIO()
    write_kmz(maps_base, inside)
    with zipfile.ZipFile(inside) as archive:
        doc = ET.fromstring(archive.read("doc.kml"))
    style = doc.find(".//k:Style[@id='presence-reported-normal']", NS)
    assert style is not None
    assert style.findtext("k:IconStyle/k:Icon/k:href", namespaces=NS) == (
        "icons/presence-reported.png"
    )


def test_look_at_frames_the_places(maps_tree: ET.Element) -> None:
    look = maps_tree.find("k:Document/k:LookAt", NS)
    assert look is not None
    lon = float(look.findtext("k:longitude", namespaces=NS) or "nan")
    lat = float(look.findtext("k:latitude", namespaces=NS) or "nan")
    distance = float(look.findtext("k:range", namespaces=NS) or "nan")
    # the maps fixture: Cúcuta, Trinidad and Tobago and Venezuela
    assert -73 < lon < -60 and 6 < lat < 11
    assert 500_000 < distance < 3_000_000


def test_ids_are_unique_xml_names(maps_base: FactBase) -> None:
    ids = re.findall(r' id="([^"]*)"', render(maps_base))
    assert len(ids) == len(set(ids))
    assert all(NCNAME.match(i) for i in ids), [i for i in ids if not NCNAME.match(i)]
    assert "places.1st-street-office" in ids  # a fact id starting with a digit
    assert "places-area.1st-street-office" in ids


def test_placemark_element_order(maps_tree: ET.Element) -> None:
    order = [
        "name",
        "description",
        "TimeSpan",
        "styleUrl",
        "ExtendedData",
        "Point",
        "MultiGeometry",
    ]
    for pm in maps_tree.iterfind(".//k:Placemark", NS):
        tags = [child.tag.split("}")[1] for child in pm]
        assert tags == [t for t in order if t in tags]
        assert ("Point" in tags) != ("MultiGeometry" in tags)


def test_counts(maps_base: FactBase, small_base: FactBase) -> None:
    tree = ET.fromstring(render(maps_base))
    points = tree.findall("k:Document/k:Document/k:Placemark/k:Point/..", NS)
    areas = tree.findall("k:Document/k:Document/k:Placemark/k:MultiGeometry/..", NS)
    assert len(points) == 4 + 6 + 8  # one point placemark per feature
    # areas: 3 presence (Cúcuta, Trinidad and Tobago, Aragua), 3 events, 6 places
    assert write_kml(maps_base, io.StringIO()) == len(points) + len(areas) == 18 + 3 + 3 + 6
    assert write_kml(small_base, io.StringIO()) == 4 + 6 + 6 + 13


# -- time ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("pid", "begin", "end"),
    [
        ("presence.presence-aragua", "2013-01-01T00:00:00", None),  # since 2013: no end
        ("presence.presence-cucuta", None, "2024-06-30T23:59:59"),  # until June 2024
        ("presence-area.presence-cucuta", None, "2024-06-30T23:59:59"),  # and its circle
        ("presence.presence-trinidad", "2018-01-01T00:00:00", "2023-12-31T23:59:59"),
        (  # 2022~
            "events.trinidad-arrests.trinidad-and-tobago",
            "2022-01-01T00:00:00",
            "2022-12-31T23:59:59",
        ),
        ("events.border-clash.maracay", "2024-03-01T00:00:00", "2024-03-31T23:59:59"),
        ("events.office-raid.1st-street-office", "2023-09-20T00:00:00", "2023-09-20T23:59:59"),
    ],
)
def test_time_span(maps_tree: ET.Element, pid: str, begin: str | None, end: str | None) -> None:
    """Open ends stay open (Google Earth's meaning, so its slider spans the data)."""
    span = placemark(maps_tree, pid).find("k:TimeSpan", NS)
    assert span is not None
    assert span.findtext("k:begin", namespaces=NS) == begin
    assert span.findtext("k:end", namespaces=NS) == end


def test_no_time_for_undated_records_and_places(maps_tree: ET.Element) -> None:
    assert placemark(maps_tree, "presence.presence-base").find("k:TimeSpan", NS) is None
    for form in ("points", "areas"):
        for pm in maps_tree.iterfind(f".//k:Document[@id='places-{form}']/k:Placemark", NS):
            assert pm.find("k:TimeSpan", NS) is None
    assert not maps_tree.findall(".//k:TimeStamp", NS)


def test_date_fields_are_never_empty(maps_tree: ET.Element) -> None:
    """date_start and date_end in the data: GDAL filters on them never meet an empty date."""
    assert simple_data(placemark(maps_tree, "presence.presence-base"))["date_end"] == (
        "9999-12-31T23:59:59"
    )
    assert simple_data(placemark(maps_tree, "presence.presence-cucuta"))["date_start"] == (
        "0001-01-01T00:00:00"
    )
    for layer in ("presence", "events"):
        for pm in maps_tree.iterfind(f".//k:Document[@id='{layer}-points']/k:Placemark", NS):
            data = simple_data(pm)
            assert len(data["date_start"]) == len(data["date_end"]) == 19


# -- data and balloons ------------------------------------------------------------------------
def test_extended_data_round_trips_every_property(
    maps_base: FactBase, maps_tree: ET.Element
) -> None:
    from tda_export.formats.maps.placemarks import has_own_area

    for layer in ("presence", "events", "places"):
        for feature in layer_features(maps_base, layer):
            expected = {
                ("title" if k == "name" else k): str(v).replace("\x01", "\ufffd")
                for k, v in feature.properties.items()
                if v is not None and k != "label"
            }
            pids = [f"{layer}.{feature.key}"]
            if has_own_area(feature):
                pids.append(f"{layer}-area.{feature.key}")
            for pid in pids:
                pm = placemark(maps_tree, pid)
                assert pm.findtext("k:name", namespaces=NS) == feature.properties["label"]
                assert simple_data(pm) == expected


def test_an_event_with_several_places_names_each_place(maps_tree: ET.Element) -> None:
    names = {
        pid: placemark(maps_tree, pid).findtext("k:name", namespaces=NS)
        for pid in ("events.border-clash.maracay", "events.border-clash.cucuta")
    }
    assert names == {  # each place first, then the title, cut to leave room for the status
        "events.border-clash.maracay": "Maracay — Clash on the… (alleged)",
        "events.border-clash.cucuta": "Cúcuta — Clash on the border… (alleged)",
    }
    one = placemark(maps_tree, "events.office-raid.1st-street-office")
    assert one.findtext("k:name", namespaces=NS) == simple_data(one)["title"][:40]


def test_balloon_escapes_and_cites(maps_tree: ET.Element) -> None:
    pm = placemark(maps_tree, "events.border-clash.maracay")
    html = pm.findtext("k:description", namespaces=NS)
    assert html is not None
    assert "<h3>Clash on the border &amp; beyond</h3>" in html
    assert "Fighting &lt;b&gt;spread&lt;/b&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert '<a href="https://example.org/report?a=1&amp;b=2">' in html
    assert "Crime &amp; Co &lt;Research&gt;, \u201cA &quot;report&quot;" in html
    assert "<i>Translated &amp; shortened.</i>" in html
    assert "a control char \ufffd in a quote" in html
    # names, not ids; the date in words only
    assert "[2nd-source]" not in html and "[report]" not in html
    assert '<th align="left">Date</th><td>March 2024</td>' in html
    assert "2024-03" not in html
    assert (
        '<th align="left">Where</th><td>Maracay (the town or city, within about 10 km of the '
        "point)</td>"
    ) in html
    assert '<th align="left">All places</th><td>Maracay, Cúcuta</td>' in html
    assert html.count("Clash on the border") == 1  # the title once (the BalloonStyle)
    area = placemark(maps_tree, "events-area.border-clash.maracay")
    assert area.findtext("k:description", namespaces=NS) == html  # the area's balloon too


def test_balloon_describes_what_is_drawn(maps_tree: ET.Element) -> None:
    def balloon(pid: str) -> str:
        return placemark(maps_tree, pid).findtext("k:description", namespaces=NS) or ""

    assert "Office on 1st Street &lt;exact&gt; (exact point)" in balloon("places.1st-street-office")
    assert "(somewhere in Aragua, not located further)" in balloon(
        "events.prison-expansion.unnamed-prison"
    )
    assert "Venezuela (the whole area, outlined)" in balloon("places.venezuela")
    assert "(somewhere in Venezuela, not located further)" in balloon("presence.presence-base")
    assert "not dated by the sources" in balloon("presence.presence-base")
    assert "<i>Note: Undated &amp; unconfirmed.</i>" in balloon("presence.presence-base")


def test_balloon_names_actors_not_ids(small_base: FactBase) -> None:
    from tda_export.formats.maps.placemarks import balloon_html

    for feature in layer_features(small_base, "events"):
        if feature.properties["actors"]:
            html = balloon_html(feature)
            ids = str(feature.properties["actors"]).split(", ")
            names = [small_base.actor(i).name for i in ids]
            assert f'<th align="left">Who</th><td>{", ".join(names)}</td>' in html
            break
    else:
        pytest.fail("no event with actors in the small base")


def test_balloon_says_who_makes_the_claim(small_base: FactBase) -> None:
    from tda_export.formats.maps.placemarks import balloon_html

    balloons = {
        f.properties["id"]: balloon_html(f)
        for layer in ("presence", "events")
        for f in layer_features(small_base, layer)
    }
    assert (
        "<li>InSight Crime, \u201cTren de Aragua\u201d<br/><b>According to sources interviewed "
        "by InSight Crime on condition of anonymity, cited by InSight Crime:</b><br/>"
        "\u201cSince 2018, the gang began its expansion to Sucre\u201d</li>"
    ) in balloons["presence-sucre"]
    assert (
        "<b>Alleged, according to InSight Crime:</b><br/>\u201che consolidated"
        in (balloons["wilmito-killing"])
    )
    assert "<b>" not in balloons["tocoron-raid"].split("Sources")[1]  # asserted: no line


def test_legend(maps_base: FactBase, maps_tree: ET.Element) -> None:
    legend = maps_tree.findtext("k:Document/k:description", namespaces=NS)
    assert legend is not None
    for sid, (colour, label) in style_table().items():
        assert f'background-color:{colour}" width="24">&#160;</td><td>{label}</td>' in legend, sid
    assert "Origins and prison: founding, imprisonment, escape" in legend
    assert "This KML names no icon files (open the KMZ for the drawn icons" in legend
    inside = io.BytesIO()
    write_kmz(maps_base, inside)
    with zipfile.ZipFile(inside) as archive:
        doc = ET.fromstring(archive.read("doc.kml"))
    legend = doc.findtext("k:Document/k:description", namespaces=NS) or ""
    assert "a hollow icon stands for a whole state or country" in legend


def test_every_point_has_a_name_and_every_icon_is_in_the_kmz(maps_base: FactBase) -> None:
    inside = io.BytesIO()
    write_kmz(maps_base, inside)
    with zipfile.ZipFile(inside) as archive:
        doc = ET.fromstring(archive.read("doc.kml"))
        shipped = set(archive.namelist())
    icons = {
        s.attrib["id"]: s.findtext("k:IconStyle/k:Icon/k:href", namespaces=NS)
        for s in doc.iterfind("k:Document/k:Style", NS)
    }
    assert set(icons.values()) <= shipped
    for pm in doc.iterfind(".//k:Placemark", NS):
        assert pm.findtext("k:name", namespaces=NS)
        sid = (pm.findtext("k:styleUrl", namespaces=NS) or "")[1:]
        assert icons[f"{sid}-normal"] == f"icons/{sid}.png"


def test_areas_only_where_they_are_the_places_own(maps_tree: ET.Element) -> None:
    areas = {
        pm.attrib["id"]
        for pm in maps_tree.iterfind(".//k:Document/k:Placemark", NS)
        if pm.find("k:MultiGeometry", NS) is not None
    }
    assert "presence-area.presence-cucuta" in areas  # its circle
    assert "places-area.venezuela" in areas  # the country itself
    assert "places-area.secret-base" not in areas  # known only to lie in Venezuela
    assert "events-area.trinidad-arrests.trinidad-and-tobago" not in areas  # not repeated
    assert "events-area.border-clash.maracay" in areas  # its circle
    assert "presence-area.presence-base" not in areas  # a base somewhere in Venezuela


def test_coordinates_are_fixed_point(maps_base: FactBase) -> None:
    text = render(maps_base)
    for coords in re.findall(r"<coordinates>([^<]*)</coordinates>", text):
        for pair in coords.split(" "):
            lon, lat = pair.split(",")
            assert re.fullmatch(r"-?\d+(\.\d{1,6})?", lon) and re.fullmatch(
                r"-?\d+(\.\d{1,6})?", lat
            )


def test_filters_apply(maps_base: FactBase) -> None:
    tree = ET.fromstring(render(maps_base, RecordFilter.from_options(countries=["CO"])))
    ids = [pm.attrib["id"] for pm in tree.iterfind(".//k:Placemark", NS)]
    assert ids == [
        "presence.presence-cucuta",
        "presence-area.presence-cucuta",
        "events.border-clash.cucuta",
        "events-area.border-clash.cucuta",
        "places.cucuta",
        "places-area.cucuta",
    ]
    tree = ET.fromstring(render(maps_base, RecordFilter.from_options(statuses=["disputed"])))
    ids = [pm.attrib["id"] for pm in tree.iterfind(".//k:Placemark", NS)]
    assert ids[:4] == [
        "presence.presence-trinidad",
        "presence-area.presence-trinidad",
        "events.prison-expansion.unnamed-prison",
        "events.prison-expansion.secret-base",
    ]
    assert all(i.startswith(("places.", "places-area.")) for i in ids[4:])  # no status


def test_empty_layers_are_left_out(small_base: FactBase) -> None:
    text = render(small_base, RecordFilter.from_options(countries=["CO"]))
    tree = ET.fromstring(text)
    assert not tree.findall("k:Document/k:Document", NS)
    assert not tree.findall(".//k:Placemark", NS)


# -- golden files and determinism ---------------------------------------------------------------
def test_small_golden(small_base: FactBase) -> None:
    assert_golden(EXPECTED / "small.kml", render(small_base))


def test_maps_golden(maps_base: FactBase) -> None:
    assert_golden(EXPECTED / "maps.kml", render(maps_base))


def test_output_is_deterministic(maps_base: FactBase) -> None:
    assert render(load_checked(MAPS)) == render(maps_base)


def test_writer_streams(small_base: FactBase, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each placemark is written before the next feature is produced."""
    events: list[str] = []
    real = MapContext.features

    def spy(*args: Any, **kwargs: Any) -> Any:
        for feature in real(*args, **kwargs):
            events.append(f"produced {feature.key}")
            yield feature

    class Recorder(io.StringIO):
        def write(self, text: str) -> int:
            found = re.match(r'<Placemark id="[a-z]+\.([^"]+)"', text)  # the points
            if found:
                events.append(f"written {found.group(1)}")
            return super().write(text)

    monkeypatch.setattr(MapContext, "features", spy)
    write_kml(small_base, Recorder())
    assert events[:4] == [
        "produced presence-guiria",
        "written presence-guiria",
        "produced presence-maracay",
        "written presence-maracay",
    ]


# -- KMZ ----------------------------------------------------------------------------------------
def test_kmz_holds_doc_kml(maps_base: FactBase, tmp_path: Path) -> None:
    target = tmp_path / "map.kmz"
    assert write_kmz(maps_base, target) == 30
    with zipfile.ZipFile(target) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == ["doc.kml", *icon_files()]
        for name, data in icon_files().items():
            assert archive.read(name) == data
            assert data.startswith(b"\x89PNG\r\n\x1a\n")
        info = infos[0]
        assert info.date_time == KMZ_DATE_TIME
        assert info.compress_type == zipfile.ZIP_DEFLATED
        assert info.create_system == 3
        assert info.external_attr == 0o644 << 16
        text = io.StringIO()
        write_kml(maps_base, text, icons=True)
        assert archive.read("doc.kml").decode("utf-8") == text.getvalue()


def test_kmz_is_deterministic_to_a_path_and_to_a_stream(
    maps_base: FactBase, tmp_path: Path
) -> None:
    write_kmz(maps_base, tmp_path / "a.kmz")
    write_kmz(load_checked(MAPS), tmp_path / "b.kmz")

    class Pipe(io.BytesIO):
        def seekable(self) -> bool:
            return False

        def seek(self, *args: Any) -> int:
            raise io.UnsupportedOperation("not seekable")

        def tell(self) -> int:
            raise io.UnsupportedOperation("not seekable")

    pipe = Pipe()
    assert write_kmz(maps_base, pipe) == 30
    first = (tmp_path / "a.kmz").read_bytes()
    assert (tmp_path / "b.kmz").read_bytes() == first
    assert pipe.getvalue() == first


def test_kmz_failure_leaves_the_old_file(
    maps_base: FactBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "map.kmz"
    target.write_bytes(b"old")

    def boom(*args: Any, **kwargs: Any) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(kml_mod, "write_kml", boom)
    with pytest.raises(RuntimeError):
        write_kmz(maps_base, target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["map.kmz"]


def test_zipping_a_written_kml_gives_the_same_kmz(small_base: FactBase) -> None:
    """The build zips the plain KML it wrote (its icons named on the way); that must equal
    what write_kmz makes itself."""
    text = io.StringIO()
    kml_mod.write_kml(small_base, text)
    zipped = io.BytesIO()
    kml_mod.zip_kml(io.BytesIO(text.getvalue().encode("utf-8")), zipped)
    direct = io.BytesIO()
    kml_mod.write_kmz(small_base, direct)
    assert zipped.getvalue() == direct.getvalue()


def make_icons() -> ModuleType:
    path = Path(__file__).parent.parent / "scripts" / "make_icons.py"
    spec = importlib.util.spec_from_file_location("make_icons", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_icons_are_what_the_script_draws() -> None:
    files = icon_files()
    assert len(files) == 2 * len(style_table())
    drawn = make_icons().compute()
    assert {f"icons/{name}": data for name, data in drawn.items()} == files, (
        "run python scripts/make_icons.py"
    )
    shipped = Path(__file__).parent.parent / "tda_export" / "data" / "icons"
    assert sorted(p.name for p in shipped.glob("*.png")) == sorted(drawn)  # nothing else


def test_icons_are_small_pngs_in_their_styles_colours() -> None:
    import struct
    import zlib

    size = make_icons().SIZE
    colours = {f"icons/{sid}": colour for sid, (colour, _) in style_table().items()}
    for name, data in icon_files().items():
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
        assert (width, height, depth, colour) == (size, size, 8, 6)  # 8-bit RGBA
        start = data.index(b"IDAT") + 4
        length = struct.unpack(">I", data[start - 8 : start - 4])[0]
        rows = zlib.decompress(data[start : start + length])
        assert len(rows) == size * (1 + 4 * size)
        centre = size // 2 * (1 + 4 * size) + 1 + 4 * (size // 2)
        pixel = rows[centre : centre + 4]
        if name.endswith("-wide.png"):
            assert pixel[3] == 0  # hollow: a transparent centre
        else:
            rgb = colours[name.removesuffix(".png")]
            assert pixel.hex() == rgb[1:].lower() + "ff"  # filled in its colour

"""The JSON Schemas of `matome schema` and `matome diff --schema` document every field, and the
README's field tables are the schema's descriptions (rewrite them with
`python tests/test_schema_docs.py --write` after changing a description in pipeline/model.py)."""
from __future__ import annotations

import json
import re
import sys

import jsonschema
import pytest

from matome.diffmodel import DIFF_SCHEMA_VERSION
from matome.model import SCHEMA_VERSION, BoilerplateReason
from support import REPO, load, run_cli, schema

DIALECT = "https://json-schema.org/draft/2020-12/schema"
README = REPO / "README.md"
BEGIN = "<!-- fields: generated from the JSON Schema by `python tests/test_schema_docs.py --write` -->"
END = "<!-- /fields -->"


def diff_schema() -> dict:
    result = run_cli("diff", "--schema")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(data)
    return data


SCHEMAS = {"document": (schema, SCHEMA_VERSION), "diff": (diff_schema, DIFF_SCHEMA_VERSION)}


def undocumented(node, where: str = "#") -> list[str]:
    """Paths of the properties (and model definitions) in a schema that have no description."""
    missing = []
    if isinstance(node, dict):
        if "properties" in node and not node.get("description"):
            missing.append(where)
        for name, prop in node.get("properties", {}).items():
            if not (isinstance(prop, dict) and str(prop.get("description", "")).strip()):
                missing.append(f"{where}/properties/{name}")
        for key, value in node.items():
            missing += undocumented(value, f"{where}/{key}")
    elif isinstance(node, list):
        for k, value in enumerate(node):
            missing += undocumented(value, f"{where}/{k}")
    return missing


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_field_of_the_schema_has_a_description(name):
    assert undocumented(SCHEMAS[name][0]()) == []


def test_a_field_without_a_description_is_found():
    assert undocumented({"description": "x", "properties": {"a": {"type": "string"},
                                                            "b": {"description": "b", "type": "string"}}}) \
        == ["#/properties/a"]


@pytest.mark.parametrize("name", SCHEMAS)
def test_the_schema_names_its_dialect_id_and_title_and_requires_schema_version(name):
    make, version = SCHEMAS[name]
    data = make()
    assert data["$schema"] == DIALECT
    assert data["$id"] == f"https://matome.invalid/schema/{name}-{version}.json"
    assert data["title"] and data["description"]
    assert data["required"][0] == "schema_version"
    with pytest.raises(jsonschema.ValidationError, match="schema_version"):
        jsonschema.Draft202012Validator(data).validate({k: v for k, v in _an_output(name).items()
                                                         if k != "schema_version"})


def _an_output(name: str) -> dict:
    if name == "document":
        return load(REPO / "output" / "chukan-matome-gaiyo.json")
    from matome import diff_files
    diff = diff_files(REPO / "output" / "chukan-matome-gaiyo.json", REPO / "output" / "chukan-matome-gaiyo-draft2.json")
    return json.loads(diff.model_dump_json())


def enums(node) -> list[list]:
    found = []
    if isinstance(node, dict):
        if "enum" in node:
            found.append(node["enum"])
        for value in node.values():
            found += enums(value)
    elif isinstance(node, list):
        for value in node:
            found += enums(value)
    return found


@pytest.mark.parametrize("path", sorted((REPO / "output").glob("*.json")), ids=lambda p: p.name)
def test_the_committed_outputs_follow_the_schema_and_its_enums(path):
    jsonschema.Draft202012Validator(schema()).validate(load(path))


def test_the_diff_of_the_committed_drafts_follows_the_diff_schema():
    jsonschema.Draft202012Validator(diff_schema()).validate(_an_output("diff"))


def test_the_closed_vocabularies_are_enums():
    data = schema()
    props = {name: data["$defs"][model]["properties"][name]
             for model, name in (("Sentence", "kind"), ("Sentence", "lang"), ("Evidence", "rule"),
                                 ("GlossaryEntry", "source"), ("BoilerplateItem", "reason"),
                                 ("PageWarning", "code"), ("DocumentInfo", "layout"))}
    assert all("enum" in prop for prop in props.values()), props
    assert set(props["kind"]["enum"]) == {"title", "heading", "body", "label", "table", "footnote"}
    assert len(enums(diff_schema())) >= 3  # Change.kind, Change.detail, Span.op


def test_every_reason_extract_gives_hidden_text_is_a_boilerplate_reason():
    from matome import extract
    reasons = set(BoilerplateReason.__args__)
    assert {extract.OUTSIDE_PAGE, extract.CLIPPED, extract.RENDER_MODE, extract.ZERO_SIZE, extract.WHITE,
            extract.SLANTED} <= reasons
    assert {f"{extract.ANNOTATION}: {subtype}" for subtype in ("FreeText", "Stamp", "Widget")} <= reasons


# --- the README's field tables -------------------------------------------------------------

def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _ref(prop: dict) -> str | None:
    """The model a property holds (directly, in a list, or optional)."""
    for candidate in [prop, prop.get("items", {})] + prop.get("anyOf", []):
        if "$ref" in candidate:
            return candidate["$ref"].rsplit("/", 1)[1]
        if "$ref" in candidate.get("items", {}):
            return candidate["items"]["$ref"].rsplit("/", 1)[1]
    return None


def _described(name: str, prop: dict) -> str:
    """`name`: its description, and its allowed values unless the description names them all."""
    text = f"`{name}`: {prop['description']}"
    values = prop.get("enum", [])
    if values and not all(f"`{v}`" in prop["description"] for v in values):
        text += " One of " + ", ".join(f"`{v}`" for v in values) + "."
    return text


def _row(name: str, prop: dict, data: dict, inline: bool = True) -> str:
    text = _described(name, prop).split(": ", 1)[1]
    model = _ref(prop)
    if model and inline:
        text += " " + " ".join(_described(f, p) for f, p in data["$defs"][model]["properties"].items())
    return f"| `{name}` | {_cell(text)} |"


def field_tables(data: dict) -> str:
    """The README's tables: the top-level fields, then every field of a sentence, each with its
    description and those of the fields of what it holds (allowed values included)."""
    rows = ["| field | what |", "|---|---|"]
    for name, prop in data["properties"].items():
        rows.append(_row(name, prop, data, inline=_ref(prop) != "Sentence"))
    rows += ["", "Each sentence (`sentences[]`):", "", "| field | what |", "|---|---|"]
    rows += [_row(name, prop, data) for name, prop in data["$defs"]["Sentence"]["properties"].items()]
    return "\n".join(rows)


def readme_tables(readme: str) -> str:
    start, end = readme.index(BEGIN) + len(BEGIN), readme.index(END)
    return readme[start:end].strip("\n")


def test_the_readme_field_tables_are_the_schema_descriptions():
    assert readme_tables(README.read_text(encoding="utf-8")) == field_tables(schema()), \
        "README.md's field tables differ from the schema: run `python tests/test_schema_docs.py --write`"


def test_every_top_level_and_sentence_field_is_a_row_of_the_readme():
    readme = readme_tables(README.read_text(encoding="utf-8"))
    named = re.findall(r"^\| `([a-z_]+)` \|", readme, re.M)
    data = schema()
    assert named == list(data["properties"]) + list(data["$defs"]["Sentence"]["properties"])


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python tests/test_schema_docs.py --write  (rewrites README.md's field tables)")
    text = README.read_text(encoding="utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    README.write_text(text[:start] + "\n" + field_tables(schema()) + "\n" + text[end:], encoding="utf-8")

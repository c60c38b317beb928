"""The source registry: default directory, user files and directories, per-family validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers.registry import RegistryError, load_registry, sources_by_id
from opcwatch.settings import DEFAULT_REGISTRY, Settings

HANWEB = """
sources:
  - id: {sid}
    name: 示例
    region_code: "320500"
    family: hanweb
    hosts: [www.example.gov.cn]
    lists:
      - {{name: 列表, url: "https://www.example.gov.cn/col/col1/index.html", {keys}}}
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_default_registry_is_every_yaml_in_crawlers_sources() -> None:
    assert DEFAULT_REGISTRY.is_dir() and Settings.from_env({}).registry_paths[0] == DEFAULT_REGISTRY
    registry = sources_by_id([DEFAULT_REGISTRY])
    files = sorted(p.name for p in DEFAULT_REGISTRY.glob("*.yml"))
    assert "jiangsu_gov.yml" in files and "jiangsu_gov" in registry
    source = registry["jiangsu_gov"]
    assert source.family == "hanweb" and source.option("webname") == "江苏省人民政府"
    assert [lst.param("columnid") for lst in source.lists][:2] == [84242, 60096]
    assert source.lists[0].paging == "auto" and source.lists[5].param("source_content_type") == 3
    assert source.blocked_hint and source.origin.endswith("jiangsu_gov.yml")


def test_user_directory_adds_sources_and_later_paths_override_by_id(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    write(mine / "a.yml", HANWEB.format(sid="my_site", keys="columnid: 1, unitid: 2, paging: page"))
    write(mine / "b.yaml", "sources:\n  - {id: jiangsu_gov, min_items: 3, revisit: {opc_hours: 6}}\n")
    registry = sources_by_id([DEFAULT_REGISTRY, mine])
    assert registry["my_site"].lists[0].paging == "page" and registry["my_site"].option("webid") == 1
    assert registry["jiangsu_gov"].min_items == 3 and registry["jiangsu_gov"].revisit.opc_hours == 6
    assert registry["jiangsu_gov"].revisit.other_hours is None  # the settings' default applies
    env = Settings.from_env({"OPCWATCH_SOURCES": f"{mine}"})
    assert "my_site" in sources_by_id(env.registry_paths)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (HANWEB.format(sid="x", keys="columnid: 1"), r"x\.yml: source 'x': lists\[0\]: missing unitid"),
        (HANWEB.format(sid="x", keys="columnid: 1, unitid: 1, selector: li"), r"'x'.*unknown keys \['selector'\]"),
        (HANWEB.format(sid="x", keys="columnid: 1, unitid: 1, paging: index_n"), r"'x'.*paging must be one of"),
        (HANWEB.format(sid="x", keys="columnid: 1, unitid: 1").replace("hosts: [www.example.gov.cn]",
                                                                         "hosts: [other.example]"),
         r"'x'.*not among hosts"),
        (HANWEB.format(sid="x", keys="columnid: 1, unitid: 1").replace("family: hanweb", "family: wordpress"),
         r"x\.yml.*'x'.*unknown family 'wordpress'"),
        (HANWEB.format(sid="x", keys="columnid: 1, unitid: 1").replace("    name: 示例\n", "    nmae: 示例\n"),
         r"'x'.*missing name"),
        (HANWEB.format(sid="x", keys="columnid: 1, unitid: 1") + "    politeness: {delay: 1, speed: 2}\n",
         r"'x'.*speed"),
        (HANWEB.format(sid="x", keys="columnid: 1, unitid: 1").replace("https://www.example.gov.cn/col",
                                                                         "file:///www.example.gov.cn/col"),
         r"'x'.*lists\[0\]: url 'file:///.*' must be http:// or https://"),
        (HANWEB.format(sid="x", keys="columnid: 1, unitid: 1").replace("[www.example.gov.cn]",
                                                                         "[https://www.example.gov.cn/]"),
         r"'x'.*hosts entry .* must be a host name"),
        (HANWEB.format(sid="x", keys="columnid: 1, unitid: 1").replace("[www.example.gov.cn]",
                                                                         "[\"www.example.gov.cn:80a\"]"),
         r"'x'.*hosts entry .* is not a host name"),
        (HANWEB.format(sid="x", keys="columnid: 1, unitid: 1") + "    revisit: {opc_hours: -1}\n",
         r"'x'.*revisit.opc_hours must be a number of hours >= 0"),
        (HANWEB.format(sid="x", keys="columnid: 1, unitid: 1") + "    revisit: {other_hours: soon}\n",
         r"'x'.*revisit.other_hours must be a number"),
        ("sources: {id: x}\n", r"top-level 'sources:' list"),
        ("sources: [\n", r"not valid YAML"),
    ],
)
def test_malformed_entries_name_file_and_entry(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(RegistryError, match=message):
        load_registry([DEFAULT_REGISTRY, write(tmp_path / "x.yml", text)])


def test_same_id_twice_in_one_directory_is_an_error(tmp_path: Path) -> None:
    for name in ("a.yml", "b.yml"):
        write(tmp_path / name, HANWEB.format(sid="dup", keys="columnid: 1, unitid: 1"))
    with pytest.raises(RegistryError, match=r"b\.yml: source 'dup' is also defined in .*a\.yml"):
        load_registry([tmp_path])
    with pytest.raises(RegistryError, match="cannot read"):
        load_registry([tmp_path / "missing.yml"])


def test_hosts_may_carry_a_port_and_revisit_zero_means_every_run(tmp_path: Path) -> None:
    text = HANWEB.format(sid="ported", keys="columnid: 1, unitid: 1").replace(
        "[www.example.gov.cn]", '["www.example.gov.cn:8080"]').replace(
        "https://www.example.gov.cn/col", "http://www.example.gov.cn:8080/col") + "    revisit: {opc_hours: 0}\n"
    source = sources_by_id([write(tmp_path / "p.yml", text)])["ported"]
    assert source.hosts == ("www.example.gov.cn",)
    assert source.lists[0].url == "http://www.example.gov.cn:8080/col/col1/index.html"
    assert source.revisit.opc_hours == 0


def test_relative_registry_and_sqlite_paths_mean_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings.from_env({"OPCWATCH_SOURCES": "my.yml", "OPCWATCH_DATABASE_URL": "sqlite:///data/x.db"})
    assert settings.registry_paths[-1] == tmp_path / "my.yml"
    assert settings.database_url == f"sqlite:///{tmp_path}/data/x.db"
    changed = settings.with_(registry_paths=(Path("other.yml"),))
    assert changed.registry_paths == (tmp_path / "other.yml",)
    assert Settings.from_env({"OPCWATCH_DATABASE_URL": "sqlite://"}).database_url == "sqlite://"


def test_user_entry_over_a_built_in_is_marked_and_reported(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from opcwatch.cli import app

    mine = write(tmp_path / "retune.yml", "sources:\n  - {id: jiangsu_gov, min_items: 3}\n")
    registry = sources_by_id([DEFAULT_REGISTRY, mine])
    assert registry["jiangsu_gov"].overrides.endswith("jiangsu_gov.yml")
    assert registry["jiangsu_gov"].origin == str(mine) and registry["suzhou_gov"].overrides == ""
    env = {"OPCWATCH_DATA_DIR": str(tmp_path), "OPCWATCH_DATABASE_URL": None}
    listed = CliRunner().invoke(app, ["sources", "list", "--sources", str(mine), "--json"], env=env)
    assert listed.exit_code == 0
    assert "overrides built-in jiangsu_gov" in listed.stderr and "retune.yml" in listed.stderr
    assert "overrides" not in listed.stdout.split('"id": "jiangsu_gov"')[0]  # stdout stays JSON


def test_one_id_in_two_user_files_is_an_error_but_one_file_named_twice_is_not(tmp_path: Path) -> None:
    first = write(tmp_path / "a.yml", HANWEB.format(sid="my_site", keys="columnid: 1, unitid: 2"))
    second = write(tmp_path / "b.yml", HANWEB.format(sid="my_site", keys="columnid: 3, unitid: 4"))
    with pytest.raises(RegistryError, match=r"b\.yml: source 'my_site' is also defined in .*a\.yml"):
        load_registry([DEFAULT_REGISTRY, first, second])
    assert "my_site" in sources_by_id([DEFAULT_REGISTRY, first, first])


@pytest.mark.parametrize("code", ["999999", "32050", "苏州"])
def test_region_code_must_be_in_the_region_table(tmp_path: Path, code: str) -> None:
    path = write(tmp_path / "x.yml", HANWEB.format(sid="x", keys="columnid: 1, unitid: 1")
                 .replace('region_code: "320500"', f'region_code: "{code}"'))
    with pytest.raises(RegistryError, match=rf"'x': region_code '{code}' is not in the region table"):
        load_registry([path])
    zone = write(tmp_path / "zone.yml", HANWEB.format(sid="z", keys="columnid: 1, unitid: 1")
                 .replace('region_code: "320500"', 'region_code: "320571"'))
    assert load_registry([zone])[0].region_code == "320571"

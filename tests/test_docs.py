"""Every setting, command, option and make target a user can reach is documented."""

from __future__ import annotations

import argparse
import re

import pytest
from conftest import REPO
from news_digest.cli import build_parser
from news_digest.settings import DEFAULTS, settings_table

README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("key", sorted(DEFAULTS))
def test_every_setting_is_in_the_readme_and_pelicanconf(key: str) -> None:
    assert f"`{key}`" in README
    assert re.search(rf"^{key}\b", (REPO / "pelicanconf.py").read_text(), re.MULTILINE)


def _commands_and_options() -> list[tuple[str, str]]:
    parser = build_parser()
    found = [("", option) for action in parser._actions for option in action.option_strings]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append((name, name))
                found.extend(
                    (name, option)
                    for sub_action in sub._actions
                    for option in sub_action.option_strings
                    if option not in ("-h", "--help")
                )
    return [item for item in found if item[1] not in ("-h", "--help")]


@pytest.mark.parametrize(("command", "option"), _commands_and_options())
def test_every_command_and_option_is_in_the_readme(command: str, option: str) -> None:
    assert re.search(rf"`[^`]*{re.escape(option)}\b[^`]*`", README), (command, option)


def test_every_make_target_is_in_the_readme() -> None:
    makefile = (REPO / "Makefile").read_text()
    phony = re.search(r"^\.PHONY:(.*)$", makefile, re.MULTILINE)
    assert phony
    for target in phony.group(1).split():
        if target != "help":
            assert f"make {target}" in README, target


def test_quick_start_is_the_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^(make \w+)", quick, re.MULTILINE)
    assert commands == ["make html", "make test"]
    assert "make test" in (REPO / ".ci" / "run").read_text()


def test_readme_settings_table_is_the_schema() -> None:
    """The README's table is made from settings.SCHEMA; regenerate it with
    `python -m news_digest.settings` when a setting changes."""
    assert settings_table() in README

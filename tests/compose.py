"""Read docker-compose.yml as Compose would: YAML merge keys, and ${VAR} interpolation."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

_VARIABLE = re.compile(r"\$(?:\$|\{(?P<braced>[^}]+)\}|(?P<plain>[A-Za-z_][A-Za-z0-9_]*))")


def read_env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def interpolate(text: str, env: dict[str, str]) -> str:
    """${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, $VAR and $$ as Compose does."""

    def substitute(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        expression = match.group("braced") or match.group("plain")
        for separator in (":-", "-", ":?", "?"):
            name, found, rest = expression.partition(separator)
            if found:
                value = env.get(name)
                if (separator.startswith(":") and not value) or value is None:
                    if "?" in separator:
                        raise ValueError(f"{name}: {rest}")
                    return rest
                return value
        return env.get(expression, "")

    return _VARIABLE.sub(substitute, text)


def _walk(node: Any, env: dict[str, str]) -> Any:
    if isinstance(node, str):
        return interpolate(node, env)
    if isinstance(node, list):
        return [_walk(item, env) for item in node]
    if isinstance(node, dict):
        return {key: _walk(value, env) for key, value in node.items()}
    return node


def load_compose(path: Path, env: dict[str, str]) -> dict[str, Any]:
    return _walk(yaml.safe_load(path.read_text()), env)

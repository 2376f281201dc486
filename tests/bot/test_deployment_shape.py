"""docker-compose.yml against the files it must agree with, without a Docker daemon.

The compose file, endpoints.production.yml, deploy/nginx.conf.template and scripts/run_prod.sh are written
by different people at different times, and a variable one of them renames fails only when the stack starts
(Rasa refuses an unset ${VAR}; nginx keeps an unset ${VAR} and refuses it as an unknown variable). Every
check here parses the other file instead of repeating its names, so a change there is checked here too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
ENDPOINTS = ROOT / "endpoints.production.yml"
NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
NGINX_MAIN = ROOT / "deploy" / "nginx.main.conf"
ENV_EXAMPLE = ROOT / "deploy" / ".env.example"
RUN_PROD = ROOT / "scripts" / "run_prod.sh"

RASA_SERVICES = ("rasa-1", "rasa-2")
ACTION_SERVICES = ("actions-1", "actions-2")
SERVICES = {"postgres", "redis", "rabbitmq", *ACTION_SERVICES, *RASA_SERVICES, "lb", "widget", "console"}
IMAGES = {"postgres": "postgres:15", "redis": "redis:7", "rabbitmq": "rabbitmq:3", "lb": "nginx:1.22"}
# Read by Rasa itself (the lock store) and by the HTTP API, not by endpoints.production.yml.
RASA_EXTRA_ENV = {"TICKET_LOCK_LIFETIME", "RASA_API_TOKEN"}
ACTION_ENV = {"CATALOG_DB_URL", "CASES_DB_URL"}
TEMPLATE_MOUNT = "/etc/nginx/templates/"
# Compose interpolation: ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?message}, ${NAME?message};
# `$${` is compose's escape for a literal `${` handed to the container's shell.
COMPOSE_VAR = re.compile(r"(?<!\$)\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}")
# What Rasa substitutes in an endpoints file, and envsubst in a template: the braced form only.
BRACED_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
# Key names whose values are secrets. PASS also covers RABBITMQ_DEFAULT_PASS, KEY covers CONSOLE_SECRET_KEY.
SECRET_KEY_WORDS = ("PASSWORD", "PASS", "TOKEN", "SECRET")
# A URL's userinfo, read after each interpolation is masked to one NUL (their defaults hold ':' and '/').
URL_PASSWORD = re.compile(r"://[^/@:\s]*:(?P<password>[^@/\s]*)@")
# A shell assignment, at the start of a command or after `export` (several may share one `export`).
SHELL_ASSIGNMENT = re.compile(r"(?:^|[\s;&|(])(?:export\s+)?([A-Z_][A-Z0-9_]*)=")
SHELL_EXPORT_LINE = re.compile(r"^\s*export\s+(.+)$")


def _compose() -> dict[str, Any]:
    # PyYAML's safe loader resolves anchors and `<<` merge keys as compose does.
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    """The compose file as compose reads it, before interpolation."""
    return _compose()


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return compose["services"]


def _strings(node: Any) -> Iterator[str]:
    """Every string value in a parsed YAML tree (keys too: compose interpolates neither, but a key with a
    ${...} in it is a mistake worth seeing). Comments are gone, so prose about ${NAME} is not counted."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


def _compose_uses(node: Any) -> list[re.Match[str]]:
    return [m for text in _strings(node) for m in COMPOSE_VAR.finditer(text)]


def _environment(service: dict[str, Any]) -> dict[str, str]:
    """A service's environment as name -> value, from either of compose's two forms."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        pairs = (item.split("=", 1) if "=" in item else (item, "") for item in env)
        return {name: value for name, value in pairs}
    return {name: "" if value is None else str(value) for name, value in env.items()}


def _command(service: dict[str, Any]) -> str:
    command = service.get("command") or ""
    return " ".join(command) if isinstance(command, list) else str(command)


def _depends_on(service: dict[str, Any]) -> dict[str, str]:
    """Dependency -> condition; the short list form means service_started."""
    deps = service.get("depends_on") or {}
    if isinstance(deps, list):
        return {name: "service_started" for name in deps}
    return {name: (spec or {}).get("condition", "service_started") for name, spec in deps.items()}


def _endpoint_vars() -> set[str]:
    """The ${VAR}s in endpoints.production.yml's values (its comments mention ${VAR} in prose)."""
    content = yaml.safe_load(ENDPOINTS.read_text(encoding="utf-8"))
    return {name for text in _strings(content) for name in BRACED_VAR.findall(text)}


def _template_text() -> str:
    """The nginx template without its comments, which name the ports in prose."""
    return "\n".join(line.split("#", 1)[0] for line in NGINX_TEMPLATE.read_text(encoding="utf-8").splitlines())


def _template_vars() -> set[str]:
    return set(BRACED_VAR.findall(_template_text()))


def _env_example_names() -> set[str]:
    names = set()
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            names.add(line.split("=", 1)[0].removeprefix("export ").strip())
    return names


def test_the_ten_services_are_there(services: dict[str, dict[str, Any]]) -> None:
    assert SERVICES <= set(services), f"missing: {sorted(SERVICES - set(services))}"
    for name, image in IMAGES.items():
        assert services[name].get("image") == image, name


def test_every_service_has_a_health_check(services: dict[str, dict[str, Any]]) -> None:
    """`depends_on: service_healthy` needs one, and `docker compose ps` shows a server that died inside."""
    missing = [name for name in sorted(SERVICES) if not (services[name].get("healthcheck") or {}).get("test")]
    assert not missing, f"no healthcheck: {missing}"


def test_dependencies_wait_for_health_or_completion(services: dict[str, dict[str, Any]]) -> None:
    """Starting after a container merely exists is too early for PostgreSQL, RabbitMQ or a Rasa server
    loading its model: a dependency with a health check is waited for until healthy, a one-shot service
    (restart "no") until it has finished."""
    wrong = []
    for name, service in services.items():
        for dep, condition in _depends_on(service).items():
            assert dep in services, f"{name} depends on unknown service {dep}"
            target = services[dep]
            if str(target.get("restart", "")) == "no":
                expected = "service_completed_successfully"
            elif target.get("healthcheck"):
                expected = "service_healthy"
            else:
                continue
            if condition != expected:
                wrong.append(f"{name} -> {dep}: {condition}, expected {expected}")
    assert not wrong, wrong
    for name in RASA_SERVICES:
        assert {"postgres", "redis", "rabbitmq"} <= set(_depends_on(services[name])), name
    lb_deps = _depends_on(services["lb"])  # nginx resolves its upstream names when it starts
    assert set(RASA_SERVICES + ACTION_SERVICES) <= set(lb_deps), lb_deps


def test_the_catalogue_is_seeded_before_the_action_servers_serve(services: dict[str, dict[str, Any]]) -> None:
    """Two action servers seeding an empty catalogue at once would race; one seeding step runs first."""
    for name in ACTION_SERVICES:
        if "catalog seed" in _command(services[name]).split("rasa run actions")[0]:
            continue
        seeders = [dep for dep, condition in _depends_on(services[name]).items()
                   if "catalog seed" in _command(services[dep]) and condition == "service_completed_successfully"]
        assert seeders, f"{name} starts without waiting for `python -m catalog seed` to finish"


def test_rasa_servers_get_every_variable_of_the_production_endpoints(services: dict[str, dict[str, Any]]) -> None:
    needed = _endpoint_vars() | RASA_EXTRA_ENV
    assert len(needed) > len(RASA_EXTRA_ENV), "no ${VAR} found in endpoints.production.yml"
    for name in RASA_SERVICES:
        missing = needed - set(_environment(services[name]))
        assert not missing, f"{name} lacks {sorted(missing)}"
        command = _command(services[name])
        assert re.search(r"--endpoints[ =]endpoints\.production\.yml\b", command), command
        assert "rasa run" in command and "--enable-api" in command and "--auth-token" in command, command


def test_rasa_calls_the_action_servers_through_the_load_balancer(services: dict[str, dict[str, Any]]) -> None:
    port = _environment(services["lb"])["LB_ACTIONS_PORT"]
    for name in RASA_SERVICES:
        assert _environment(services[name])["ACTION_ENDPOINT_URL"] == f"http://lb:{port}/webhook", name


def test_action_servers_get_the_catalogue_and_the_cases(services: dict[str, dict[str, Any]]) -> None:
    for name in ACTION_SERVICES:
        missing = ACTION_ENV - set(_environment(services[name]))
        assert not missing, f"{name} lacks {sorted(missing)}"
        command = _command(services[name])
        assert "rasa run actions" in command and re.search(r"--actions[ =]actions\b", command), command


def test_the_load_balancer_renders_the_template_with_all_its_variables(
        services: dict[str, dict[str, Any]]) -> None:
    lb = services["lb"]
    mounts = [v if isinstance(v, str) else f"{v.get('source')}:{v.get('target')}" for v in lb.get("volumes", [])]
    targets = [m.split(":")[1] for m in mounts
               if Path(ROOT, m.split(":")[0]).resolve() == NGINX_TEMPLATE.resolve()]
    assert targets, f"deploy/nginx.conf.template is not mounted: {mounts}"
    # The image renders only /etc/nginx/templates/*.template (into conf.d/, inside the http block).
    assert all(t.startswith(TEMPLATE_MOUNT) and t.endswith(".template") for t in targets), targets
    env = _environment(lb)
    needed = _template_vars()
    assert needed, "no ${VAR} found in the template"
    assert not needed - set(env), f"lb lacks {sorted(needed - set(env))}"
    # The upstreams are the compose services that run those servers.
    for var in needed & {"RASA_1", "RASA_2", "ACTIONS_1", "ACTIONS_2"}:
        host = env[var].rsplit(":", 1)[0]
        group = RASA_SERVICES if var.startswith("RASA") else ACTION_SERVICES
        assert host in group, f"{var}={env[var]}: not one of {group}"


def test_every_compose_variable_is_in_the_env_example(compose: dict[str, Any]) -> None:
    """deploy/.env.example is what a Docker user copies: a variable it lacks is one they never hear of."""
    used = {m["name"] for m in _compose_uses(compose)}
    listed = _env_example_names()
    assert not used - listed, f"not in deploy/.env.example: {sorted(used - listed)}"
    assert not listed - used, f"in deploy/.env.example but unused by docker-compose.yml: {sorted(listed - used)}"


def test_a_variable_has_one_default(compose: dict[str, Any]) -> None:
    """The same port or name written with two defaults would split the stack when the env file omits it."""
    defaults: dict[str, set[str]] = {}
    for m in _compose_uses(compose):
        if m["op"] and m["op"].endswith("-"):
            defaults.setdefault(m["name"], set()).add(m["arg"])
    assert not {n: d for n, d in defaults.items() if len(d) > 1}


def test_no_secret_is_written_in_compose(compose: dict[str, Any], services: dict[str, dict[str, Any]]) -> None:
    """A secret's value is an interpolation with no default but empty, and a URL's password is one too;
    a default or a literal would be a password shipped in the repository."""
    literal = []
    for name, service in services.items():
        for key, value in _environment(service).items():
            if any(word in key.upper() for word in SECRET_KEY_WORDS):
                m = COMPOSE_VAR.fullmatch(value)
                if not m or (m["op"] and m["op"].endswith("-") and m["arg"]):
                    literal.append(f"{name}.{key}={value!r}")
    for text in _strings(compose):
        for m in URL_PASSWORD.finditer(COMPOSE_VAR.sub("\0", text)):
            if m["password"] != "\0":
                literal.append(f"URL password {m['password']!r} in {text!r}")
    assert not literal, literal


def _run_prod_assignments() -> set[str]:
    """Names run_prod.sh assigns: `NAME=...`, `export NAME=...` (several per export), `export NAME`."""
    names = set()
    for line in RUN_PROD.read_text(encoding="utf-8").splitlines():
        code = line.split(" #", 1)[0] if not line.lstrip().startswith("#") else ""
        names.update(SHELL_ASSIGNMENT.findall(code))
        exported = SHELL_EXPORT_LINE.match(code)
        if exported:
            names.update(w for w in exported.group(1).split() if re.fullmatch(r"[A-Z_][A-Z0-9_]*", w))
    return names


def _passed_through(name: str, value: str) -> bool:
    """`NAME: ${NAME:-}` hands the caller's optional value on (Slack's), as run_prod.sh's children inherit
    its environment without an assignment."""
    m = COMPOSE_VAR.fullmatch(value)
    return bool(m and m["name"] == name and m["op"] in (":-", "-") and not m["arg"])


@pytest.mark.skipif(not RUN_PROD.exists(), reason="scripts/run_prod.sh is not written yet")
def test_run_prod_sets_what_compose_gives_the_servers(services: dict[str, dict[str, Any]]) -> None:
    """`make run-prod` and compose are one shape: a variable only one of them sets is a server that works
    in one and not the other."""
    assigned = _run_prod_assignments()
    missing = {}
    for name in RASA_SERVICES + ACTION_SERVICES:
        for var, value in _environment(services[name]).items():
            if var not in assigned and not _passed_through(var, value):
                missing.setdefault(var, []).append(name)
    assert not missing, f"set by docker-compose.yml, not by scripts/run_prod.sh: {missing}"


def _docker_compose_available() -> bool:
    if not shutil.which("docker"):
        return False
    try:
        return subprocess.run(["docker", "compose", "version"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@pytest.mark.skipif(not _docker_compose_available(), reason="the docker CLI has no compose plugin here")
def test_docker_compose_accepts_the_file(tmp_path: Path) -> None:
    """Compose's own reading of the file (interpolation, merge keys, the schema), with the example env file
    and a stand-in for each secret it leaves empty."""
    env_file = tmp_path / "compose.env"
    lines = []
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        name, sep, value = line.partition("=")
        if sep and not line.startswith("#") and not value and not name.startswith("SLACK_"):
            value = "test-only-value"
        lines.append(f"{name}{sep}{value}")
    env_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in _env_example_names()}
    result = subprocess.run(["docker", "compose", "--project-directory", str(ROOT), "-f", str(COMPOSE),
                             "--env-file", str(env_file), "config", "-q"],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr


NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
# Stand-ins for the template's variables that nginx -t can resolve and parse without any server running.
NGINX_VALUES = {"RASA_1": "127.0.0.1:5005", "RASA_2": "127.0.0.1:5006", "ACTIONS_1": "127.0.0.1:5055",
                "ACTIONS_2": "127.0.0.1:5056", "LB_RASA_PORT": "18005", "LB_ACTIONS_PORT": "18055"}


def render_template(text: str, values: dict[str, str]) -> str:
    """What the nginx image's envsubst does: replace ${NAME} for the names given only, so nginx's own
    $host, $http_upgrade... (and any ${NAME} not given) stay as they are."""
    return BRACED_VAR.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def test_render_template_replaces_only_the_names_given() -> None:
    assert render_template("server ${A} $host ${B};", {"A": "x:1"}) == "server x:1 $host ${B};"


@pytest.mark.skipif(NGINX is None, reason="nginx is not installed")
def test_nginx_accepts_the_rendered_template(tmp_path: Path) -> None:
    """nginx -t on the template as the image renders it, inside deploy/nginx.main.conf (the http block
    run_prod.sh gives it; the image's own nginx.conf includes conf.d/ at the same place)."""
    missing = _template_vars() - set(NGINX_VALUES)
    assert not missing, f"no stand-in value for the template's {sorted(missing)}"
    main = NGINX_MAIN.read_text(encoding="utf-8")
    included = re.findall(r"^\s*include\s+(\S+?);", main, flags=re.M)
    assert "lb.conf" in included, included
    (tmp_path / "nginx.conf").write_text(main, encoding="utf-8")
    (tmp_path / "lb.conf").write_text(
        render_template(NGINX_TEMPLATE.read_text(encoding="utf-8"), NGINX_VALUES), encoding="utf-8")
    for folder in re.findall(r"^\s*\w+_temp_path\s+(\S+?);", main, flags=re.M):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    result = subprocess.run([NGINX, "-t", "-p", f"{tmp_path}/", "-c", str(tmp_path / "nginx.conf")],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr

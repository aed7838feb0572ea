"""The web app: server-rendered pages for drafters, district officers and researchers.

Pages are Jinja templates with a little JavaScript (no inline script: the content security
policy forbids it). They compute nothing themselves: the calculator posts to /v1/entitlements
and /v1/compare, the impact page to /v1/microsimulation, and reforms are checked by the API's
own resolver (`Reforms.resolve_or_raise`, i.e. `policy_bd.reform_spec`). Parameters and
programs are read from the loaded legislation and the program registry.

`/` answers the calculator to a browser asking for HTML; API clients keep OpenFisca's welcome.
"""

from __future__ import annotations

import datetime

import yaml
from flask import Blueprint, abort, current_app, jsonify, render_template, request, url_for

import policy_bd
from policy_bd import programs as program_registry
from policy_bd.engine import named_reforms
from policy_bd.labels import bangla_labels
from policy_bd.reform_spec import ReformError, parse_yaml

from ..errors import APIError, problem
from ..reforms import reform_problems
from . import catalog, i18n

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
MAX_REFORM_FILE = 256 * 1024


def language() -> str:
    chosen = request.args.get("lang", "en")
    return chosen if chosen in i18n.LANGUAGES else "en"


def today() -> datetime.date:
    return datetime.date.today()


def baseline():
    return current_app.extensions["policy_bd_reforms"].baseline


def lang_url(lang: str) -> str:
    """This page's URL in another language, every other query argument kept."""
    args = {**request.args.to_dict(), "lang": lang}
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def render(template: str, **context) -> str:
    lang = language()
    return render_template(
        f"pages/{template}",
        lang=lang,
        t=i18n.words(lang),
        options=i18n.options(lang),
        digits=lambda value: i18n.digits(value, lang),
        with_unit=lambda value, unit: i18n.with_unit(value, unit, lang),
        units=i18n.unit_templates(lang),
        other_lang_url=lang_url("en" if lang == "bn" else "bn"),
        version=policy_bd.__version__,
        today=today().isoformat(),
        reforms=sorted(named_reforms()),
        program_labels={
            name: entry.label_bn if lang == "bn" else entry.label
            for name, entry in program_registry.programs().items()
        },
        **context,
    )


def wants_html() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return (
        best == "text/html"
        and request.accept_mimetypes["text/html"] > request.accept_mimetypes["application/json"]
    )


def calculator():
    return render("calculator.html", page="calculator")


def create_blueprint() -> Blueprint:
    blueprint = Blueprint(
        "pages",
        __name__,
        url_prefix="/app",
        template_folder="templates",
        static_folder="static",
        static_url_path="/static",
    )

    @blueprint.before_app_request
    def negotiate_root():
        if request.path == "/" and request.method == "GET" and wants_html():
            return calculator()
        return None

    @blueprint.after_app_request
    def page_headers(response):
        if request.path == "/" or request.path.startswith("/app"):
            response.headers["Content-Security-Policy"] = CSP
            response.headers["X-Frame-Options"] = "DENY"
            response.headers["X-Content-Type-Options"] = "nosniff"
            response.headers["Referrer-Policy"] = "same-origin"
            response.vary.add("Accept")
        return response

    blueprint.add_url_rule("/", "calculator", calculator)

    @blueprint.route("/reform")
    def reform_builder():
        return render("reform.html", page="reform")

    @blueprint.route("/impact")
    def impact():
        return render("impact.html", page="impact")

    @blueprint.route("/projection")
    def projection():
        return render("projection.html", page="projection", scenarios=bundled_scenarios())

    @blueprint.route("/compare")
    def compare():
        return render("compare.html", page="compare", bn_labels=bangla_labels())

    @blueprint.route("/programs")
    def programs():
        lang = language()
        entries = [
            catalog.program(baseline(), name, lang, today()) for name in program_registry.programs()
        ]
        return render("programs.html", page="programs", programs=entries)

    @blueprint.route("/programs/<name>")
    def program(name: str):
        entry = catalog.program(baseline(), name, language(), today())
        if entry is None:
            abort(404)
        return render("program.html", page="programs", program=entry)

    @blueprint.route("/parameters")
    def parameters():
        return render(
            "parameters.html", page="parameters", parameters=catalog.parameters(baseline(), today())
        )

    @blueprint.route("/parameters/<path:parameter_id>")
    def parameter(parameter_id: str):
        described = catalog.parameters(baseline(), today()).get(parameter_id)
        if described is None:
            abort(404)
        return render("parameter.html", page="parameters", parameter=described)

    @blueprint.route("/api/parameters")
    def parameter_index():
        """The search index of the reform builder: every leaf, its labels, value today, history."""
        return jsonify(
            {
                "date": today().isoformat(),
                "parameters": list(catalog.parameters(baseline(), today()).values()),
            }
        )

    @blueprint.route("/api/reform/check", methods=["POST"])
    def check_reform():
        """The reform checked by the API's resolver: valid (with its description and YAML file)
        or not (with every problem, worded by the validator). A verdict either way, so 200."""
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or set(body) != {"reform"}:
            message = 'send a JSON object {"reform": ...}'
            return problem_answer(422, message, [problem("body", message)])
        try:
            _system, described = current_app.extensions["policy_bd_reforms"].resolve_or_raise(
                body["reform"]
            )
        except APIError as error:
            return jsonify({"valid": False, "problems": error.problems})
        return jsonify({"valid": True, "reform": described, "yaml": to_yaml(described)})

    @blueprint.route("/api/reform/parse", methods=["POST"])
    def parse_reform():
        """An uploaded reform file, checked by the file validator (problems name their line)."""
        raw = request.get_data(cache=False)
        if len(raw) > MAX_REFORM_FILE:
            raise APIError(
                413,
                "the reform file is over 256 KiB",
                [{"field": "file", "message": "over 256 KiB"}],
            )
        try:
            spec = parse_yaml(raw.decode("utf-8", errors="replace"), baseline().parameters)
        except ReformError as error:
            problems = reform_problems(error, "file")
            for item, original in zip(problems, error.problems, strict=True):
                if original.line:
                    item["line"] = original.line
            return jsonify({"valid": False, "problems": problems})
        return jsonify({"valid": True, "reform": spec.as_dict()})

    return blueprint


def bundled_scenarios() -> dict[str, dict]:
    """The bundled projection scenarios as their files say (the page sends one back to
    /v1/projection with another horizon)."""
    from policy_bd.paths import PROJECTIONS_DIR  # noqa: PLC0415
    from policy_bd.projection.scenario import bundled_names  # noqa: PLC0415

    return {
        name: yaml.safe_load((PROJECTIONS_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
        for name in bundled_names()
    }


def problem_answer(status: int, message: str, problems: list[dict]):
    """A 4xx answer in the /v1 shape (these helpers serve the pages' JavaScript)."""
    return jsonify({"error": message, "problems": problems}), status


def to_yaml(described: dict | None) -> str:
    """The YAML file `policy-bd compare --reform` and `policy-bd microsim --reform` read."""
    if not described:
        return ""
    document = {key: described[key] for key in ("title", "description", "changes")}
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)

"""WSGI entry point for gunicorn: `policy_bd.web_api.wsgi:app`."""

from openfisca_web_api.app import create_app

from policy_bd.system import baseline_system

app = create_app(baseline_system())

"""Adapters from outside formats to OpenFisca simulations (columns, applicants, returnee records, surveys)."""

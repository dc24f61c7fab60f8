"""The web console (NiceGUI, mounted on the same FastAPI app as the API). Pages call the platform services,
never the stores; every string goes through the i18n catalogue."""

"""The map: a FastAPI app with a JSON API and one offline page (`warta serve`).

Needs the `web` extra (`pip install 'warta[web]'`). Build it with
`warta.web.app.create_app(db_path)`.
"""

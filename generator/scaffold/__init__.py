"""Starting a handbook of one's own: `handbook init` and `handbook new document|form`.

A stage below `cli` that reads only the source format: it writes new YAML files from the
Jinja templates in `generator/templates/scaffold/`, never rendering or publishing, so a new
project is exactly what an author would have typed by hand and `handbook check` judges it
like any other.
"""

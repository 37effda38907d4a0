#!/usr/bin/env python3
"""docs/measures.schema.json accepts every measure of examples/local-measures and refuses a
measure with a cohort it does not know.  usage: check_schema.py SOURCE_DIR"""
import json
import sys

import jsonschema
import yaml

root = sys.argv[1]
schema = json.load(open(f"{root}/docs/measures.schema.json"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
example = yaml.safe_load(open(f"{root}/examples/local-measures/scorecard.yaml"))
errors = list(validator.iter_errors(example))
assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
measures = [e for e in example["indicators"] if "measure" in e]
assert len(measures) >= 6, len(measures)
bad = {"indicators": [{"measure": "x", "cohort": {"looked_after": "middle"}, "figure": "count"}]}
assert list(validator.iter_errors(bad)), "a cohort 'looked_after: middle' was accepted"
bad = {"indicators": [{"measure": "x", "cohort": {"looked_after": "end"}, "figure": "total"}]}
assert list(validator.iter_errors(bad)), "a figure 'total' was accepted"
print(f"ok: {len(measures)} measures match docs/measures.schema.json")

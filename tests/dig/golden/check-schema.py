#!/usr/bin/env python3
"""tests/dig/golden/check-schema.py STRATA CASES SCHEMA: docs/topology.schema.json (JSON
Schema 2020-12) describes what strata dig writes. The schema must itself be valid; every
golden case's topology.json and allocator-features.json must validate; and three broken
copies (an unknown field, another version, a node kind the writers do not use) must not,
so the schema is known to constrain. Needs python3-jsonschema (./dev test installs it)."""
import copy
import json
import os
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    print("check-schema: python3-jsonschema is missing (apt-get install python3-jsonschema)")
    sys.exit(1)

strata, cases, schema_path = sys.argv[1:4]
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
validator_cls = jsonschema.Draft202012Validator
validator_cls.check_schema(schema)
validator = validator_cls(schema)
# the branch of the top-level oneOf that a document's "schema" field names, for messages
branches = {"strata.topology": "topology", "strata.allocator-features": "allocatorFeatures"}
failed = checked = 0


def problems(doc):
    """None when doc validates; else the path and message of the first error, found in
    the branch its "schema" field names (the oneOf's own message says too little)."""
    if validator.is_valid(doc):
        return None
    branch = dict(schema)
    branch.pop("oneOf")
    branch["$ref"] = "#/$defs/" + branches.get(doc.get("schema"), "topology")
    err = next(iter(validator_cls(branch).iter_errors(doc)), None)
    if err is None:
        return "(matches none or both of the oneOf's branches)"
    where = "/".join(str(p) for p in err.absolute_path)
    return f"at /{where}: {err.message[:300]}"


with tempfile.TemporaryDirectory(prefix="strata-schema.") as tmp:
    sample = None
    for name in sorted(os.listdir(cases)):
        tree = os.path.join(cases, name, "input")
        if not os.path.isdir(tree):
            continue
        out = os.path.join(tmp, name)
        rc = subprocess.run([strata, "dig", tree, "-o", out, "-q", "--no-svg", "--no-cache"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        if rc not in (0, 3):
            print(f"check-schema: {name}: strata dig exited {rc}")
            failed += 1
            continue
        for artifact in ("topology.json", "allocator-features.json"):
            with open(os.path.join(out, artifact), encoding="utf-8") as f:
                doc = json.load(f)
            checked += 1
            why = problems(doc)
            if why:
                print(f"check-schema: {name}/{artifact} does not match the schema {why}")
                failed += 1
            elif artifact == "topology.json" and doc["implementations"] and (
                    sample is None or len(doc["edges"]) > len(sample["edges"])):
                sample = doc

    # the schema constrains: three broken copies of a real topology.json are refused
    if sample is None:
        print("check-schema: no case wrote an implementation to break")
        failed += 1
    else:
        broken = []
        doc = copy.deepcopy(sample)
        doc["surprise"] = 1
        broken.append(("an unknown top-level field", doc))
        doc = copy.deepcopy(sample)
        doc["version"] = 2
        broken.append(("version 2", doc))
        doc = copy.deepcopy(sample)
        doc["implementations"][0]["functions"][0]["kind"] = "bogus"
        broken.append(("a node kind 'bogus'", doc))
        for what, doc in broken:
            checked += 1
            if problems(doc) is None:
                print(f"check-schema: the schema accepts {what}")
                failed += 1

if checked < 10:
    print(f"check-schema: only {checked} documents checked")
    failed += 1
if failed == 0:
    print(f"check-schema: {checked} documents checked against {os.path.basename(schema_path)}")
sys.exit(1 if failed else 0)

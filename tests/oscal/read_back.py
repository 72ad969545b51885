#!/usr/bin/env python3
"""Reads Crosswalk's OSCAL export back with an independent OSCAL implementation.

compliance-trestle's pydantic models (installed by `scripts/setup.sh --test` into a virtualenv,
see README.md) parse the Assessment Results and the POA&M that `crosswalk-cli assess export`
writes for every demo client in English and German. A model that does not parse, a reference
that resolves to nothing or a reader that accepts a broken document fails the run loudly.

    python tests/oscal/read_back.py PATH/TO/crosswalk-cli
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from trestle.oscal import OSCAL_VERSION
from trestle.oscal.assessment_results import AssessmentResults
from trestle.oscal.poam import PlanOfActionAndMilestones

TODAY = "2026-11-29"
EXPECTED_VERSION = "1.2.1"


def cli(binary, db, *args):
    out = subprocess.run([binary, "--db", str(db), *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"FAILED: crosswalk-cli {' '.join(args)}: {out.stderr.strip()}")
    return out.stdout


def check_ar(doc):
    model = AssessmentResults.model_validate(doc["assessment-results"])
    assert model.metadata.oscal_version.root.root == EXPECTED_VERSION, model.metadata.oscal_version
    (result,) = model.results
    observations = {str(o.uuid) for o in result.observations or []}
    findings = result.findings or []
    assert len(findings) == len(observations), "one finding per observation"
    for finding in findings:
        for related in finding.related_observations or []:
            assert str(related.observation_uuid) in observations, f"finding {finding.uuid}: unknown observation"
        assert finding.target.status.state.value in ("satisfied", "not-satisfied")
    resources = {str(r.uuid) for r in model.back_matter.resources}
    assert model.import_ap.href.lstrip("#") in resources, "import-ap points at nothing"
    return len(findings)


def check_poam(doc):
    model = PlanOfActionAndMilestones.model_validate(doc["plan-of-action-and-milestones"])
    assert model.metadata.oscal_version.root.root == EXPECTED_VERSION
    risks = {str(r.uuid) for r in model.risks or []}
    observations = {str(o.uuid) for o in model.observations or []}
    assert model.poam_items, "no POA&M item"
    for item in model.poam_items:
        for related in item.related_risks or []:
            assert str(related.risk_uuid) in risks, f"item {item.title}: unknown risk"
        for related in item.related_observations or []:
            assert str(related.observation_uuid) in observations, f"item {item.title}: unknown observation"
    return len(model.poam_items)


def refuses(check, doc, what):
    """The reader must refuse a broken document, or the checks above prove nothing."""
    try:
        check(doc)
    except Exception:  # noqa: BLE001 - any refusal will do
        return
    raise SystemExit(f"FAILED: compliance-trestle accepted {what}")


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    binary = sys.argv[1]
    print(f"compliance-trestle models OSCAL {OSCAL_VERSION}; Crosswalk writes {EXPECTED_VERSION}")
    passed = 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db = tmp / "portfolio.db"
        cli(binary, db, "demo")
        clients = json.loads(cli(binary, db, "--json", "client", "list"))
        if len(clients) < 5:
            raise SystemExit(f"FAILED: only {len(clients)} demo clients")
        for client in clients:
            for lang in ("en", "de"):
                for fmt, check in (("oscal-ar", check_ar), ("oscal-poam", check_poam)):
                    path = tmp / f"{client['id']}-{lang}-{fmt}.json"
                    cli(binary, db, "assess", "export", client["id"], "--format", fmt,
                        "--lang", lang, "--today", TODAY, "--out", str(path))
                    doc = json.loads(path.read_text(encoding="utf-8"))
                    try:
                        count = check(doc)
                    except Exception as error:  # noqa: BLE001 - report and stop
                        raise SystemExit(f"FAILED: {fmt} of {client['name']} ({lang}): {error}") from error
                    print(f"ok  {fmt:10} {lang}  {client['name']}: {count} entries")
                    passed += 1
        # A broken document must be refused: an unknown field, a state OSCAL does not have.
        doc = json.loads((tmp / f"{clients[0]['id']}-en-oscal-ar.json").read_text(encoding="utf-8"))
        doc["assessment-results"]["unknown-field"] = True
        refuses(check_ar, doc, "an unknown field")
        doc = json.loads((tmp / f"{clients[0]['id']}-en-oscal-ar.json").read_text(encoding="utf-8"))
        doc["assessment-results"]["results"][0]["findings"][0]["target"]["status"]["state"] = "partly"
        refuses(check_ar, doc, "an unknown finding state")
        passed += 1
    print(f"{passed} passed, 0 failed")


if __name__ == "__main__":
    main()

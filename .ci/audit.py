"""Known vulnerabilities in the pinned requirements: pip-audit's report, and PyPI's
project JSON for every package pip-audit could not look up.

    python3 .ci/audit.py REPORT PIP_AUDIT_STATUS REQUIREMENTS...

REPORT is pip-audit's JSON report (it may be missing, if pip-audit failed before writing
it) and PIP_AUDIT_STATUS its exit status. REQUIREMENTS are the files pip-audit read; the
pins (name==version) are taken from them, following "-r" includes.

pip-audit asks PyPI for each release's vulnerabilities (https://pypi.org/pypi/NAME/VERSION/json)
or OSV. Where neither answers, pip-audit skips the package. PyPI's project JSON
(https://pypi.org/pypi/NAME/json) lists the vulnerabilities of the project's latest release
only (info.version). So a skipped package whose pin is that latest release is audited from
there; any other stays NOT AUDITED, with the reason.

Outcome:
- a known vulnerability fails (exit 1), listed with the versions that fix it;
- NOT AUDITED is never a pass. It is listed, with a warning, and fails only with
  ROUNDTABLE_AUDIT_REQUIRED=1: by default a dependency publishing a new release (so that
  the pin is no longer the latest) must not turn CI red;
- pip-audit exiting non-zero with a report that lists no vulnerability fails (exit 1);
  pip-audit writing no report at all is said, and every package is looked up in PyPI's
  project JSON instead;
- a run that could audit nothing says so plainly.

Standard library only: it runs with the system python3, outside any virtualenv.
"""
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

PROJECT_JSON = "https://pypi.org/pypi/{}/json"
TIMEOUT = 15  # seconds, for each request to PyPI
GIVE_UP_AFTER = 3  # requests in a row that got no answer: PyPI is taken as unreachable


def canonical(name):
    """PEP 503 name: pip-audit reports names this way ("zope.event" -> "zope-event")."""
    return re.sub(r"[-_.]+", "-", name).lower()


def same_version(a, b):
    """PEP 440 equality for the versions found in pins ("26.9" == "26.9.0")."""
    def key(version):
        match = re.match(r"v?(\d+(?:\.\d+)*)(.*)", version.strip().lower())
        if not match:
            return (version.strip().lower(),)
        release = [int(part) for part in match.group(1).split(".")]
        while len(release) > 1 and release[-1] == 0:
            release.pop()
        return (tuple(release), match.group(2))
    return key(a) == key(b)


def read_pins(path, pins, unpinned, seen=None):
    """Collect name==version pins from a requirements file and the files it includes."""
    seen = seen if seen is not None else set()
    path = os.path.normpath(path)
    if path in seen:
        return
    seen.add(path)
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.split(" #")[0].split("\t#")[0].strip()
            if not line or line.startswith("#"):
                continue
            include = re.match(r"(?:-r|--requirement)\s*=?\s*(\S+)$", line)
            if include:
                read_pins(os.path.join(os.path.dirname(path), include.group(1)),
                          pins, unpinned, seen)
                continue
            if line.startswith("-"):
                continue  # other pip options: not a package
            pin = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*==\s*([^\s;]+)$",
                           line.split(";")[0].strip())
            if not pin:
                unpinned.append(f"{line} ({path})")
                continue
            name, version = pin.groups()
            known = pins.get(canonical(name))
            if known and not same_version(known[1], version):
                sys.exit(f"{name} is pinned twice, to {known[1]} and {version}: "
                         "fix the requirements first.")
            pins.setdefault(canonical(name), (name, version))


def read_report(path):
    """pip-audit's results by canonical name, or None when it wrote no usable report."""
    try:
        with open(path, encoding="utf-8") as report:
            return {canonical(d["name"]): d for d in json.load(report)["dependencies"]}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def fetch_project(name):
    """PyPI's project JSON: (data, None), or (None, why not). Data is None for a 404."""
    request = urllib.request.Request(PROJECT_JSON.format(urllib.parse.quote(name)),
                                     headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return json.load(response), None
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None, None
        return None, f"PyPI's JSON API answered HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return None, f"PyPI's JSON API did not answer ({reason})"


def from_pypi_project(name, version, data):
    """Audit one pin from its project JSON: (vulnerabilities, None) or (None, why not)."""
    latest = (data.get("info") or {}).get("version")
    if not latest:
        return None, "PyPI's project JSON names no latest release"
    if not same_version(version, latest):
        return None, (f"pinned {version}, latest {latest}: PyPI publishes vulnerability data "
                      "here only for the latest")
    if not isinstance(data.get("vulnerabilities"), list):
        return None, "PyPI's project JSON has no vulnerabilities list"
    vulns = [{"id": v.get("id") or "?",
              "aliases": v.get("aliases") or [],
              "fix_versions": v.get("fixed_in") or []}
             for v in data["vulnerabilities"] if not v.get("withdrawn")]
    return vulns, None


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    report_path, status, requirement_files = argv[1], int(argv[2]), argv[3:]

    pins, unpinned = {}, []
    for path in requirement_files:
        read_pins(path, pins, unpinned)
    report = read_report(report_path)
    if report is None:
        print(f"pip-audit wrote no report (exit status {status}; its output is above). "
              "Every package is looked up in PyPI's project JSON instead.")

    vulnerable = []  # (name, version, vuln, source)
    unaudited = [(line, "not pinned with ==: cannot be audited") for line in unpinned]
    by_pip_audit = by_pypi_json = 0
    unanswered = 0  # requests in a row that got no answer
    for key, (name, version) in pins.items():
        found = (report or {}).get(key)
        if found is not None and "skip_reason" not in found:
            by_pip_audit += 1
            vulnerable += [(name, version, v, "pip-audit") for v in found.get("vulns") or []]
            continue
        skipped = found["skip_reason"] if found else "not in pip-audit's report"
        if unanswered >= GIVE_UP_AFTER:
            unaudited.append((f"{name}=={version}", f"pip-audit: {skipped}; PyPI's JSON API "
                              f"not tried: it did not answer the last {GIVE_UP_AFTER} requests"))
            continue
        data, error = fetch_project(name)
        if error:
            unanswered += 1
            unaudited.append((f"{name}=={version}", f"pip-audit: {skipped}; {error}"))
            continue
        unanswered = 0
        if data is None:
            unaudited.append((f"{name}=={version}", f"pip-audit: {skipped}; not on PyPI "
                              "(its JSON API answered 404)"))
            continue
        vulns, why_not = from_pypi_project(name, version, data)
        if why_not:
            unaudited.append((f"{name}=={version}", why_not))
            continue
        by_pypi_json += 1
        vulnerable += [(name, version, v, "PyPI project JSON") for v in vulns]

    for name, version, vuln, source in vulnerable:
        fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed release yet"
        aliases = ", ".join(vuln.get("aliases") or [])
        print(f"VULNERABLE {name}=={version}: {vuln['id']}{f' ({aliases})' if aliases else ''}; "
              f"fixed in {fixed} [{source}]")
    for what, why in unaudited:
        print(f"NOT AUDITED {what}: {why}")

    total = len(pins) + len(unpinned)
    audited = by_pip_audit + by_pypi_json
    print(f"Dependency audit: {total} pinned packages; {audited} audited ({by_pip_audit} by "
          f"pip-audit, {by_pypi_json} from PyPI's project JSON); "
          f"{len({v[0] for v in vulnerable})} with a known vulnerability; "
          f"{len(unaudited)} NOT audited.")
    if total and not audited:
        print("NOTHING WAS AUDITED: neither pip-audit's vulnerability services nor PyPI's "
              "project JSON gave an answer for any package. This is not a pass.")

    if vulnerable:
        sys.exit("Dependency audit FAILED: a pinned package has a known vulnerability "
                 "(listed above, with the versions that fix it).")
    if report is not None and status:
        sys.exit(f"Dependency audit FAILED: pip-audit exited with status {status} but "
                 "reported no vulnerability; see its output above.")
    if unaudited:
        message = (f"{len(unaudited)} of {total} pinned packages are NOT AUDITED (listed "
                   "above): " + ("no known vulnerability among the rest, but this is not a "
                                 "pass." if audited else "nothing was audited, no pass."))
        if os.environ.get("ROUNDTABLE_AUDIT_REQUIRED") == "1":
            sys.exit(f"Dependency audit FAILED: {message} ROUNDTABLE_AUDIT_REQUIRED=1.")
        print(f"WARNING: {message} Set ROUNDTABLE_AUDIT_REQUIRED=1 to fail on this.",
              file=sys.stderr)
        return
    print(f"Dependency audit passed: all {total} pinned packages audited, "
          "no known vulnerability.")


if __name__ == "__main__":
    main(sys.argv)

"""Fuzzing: Hypothesis against a real server and against the in-process app."""
import pytest


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing test's report includes the end of the real server's output."""
    report = yield
    server = getattr(item, "funcargs", {}).get("server")
    if report.failed and server is not None and hasattr(server, "log"):
        report.sections.append((f"{server.mode} server output ({server.log_path})",
                                server.log()))
    return report

"""Helpers shared by the hardening tests."""
import statistics


class Clock:
    """A clock that moves only when the test moves it (seconds, like time.monotonic)."""

    def __init__(self, start=1000.0):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


def from_address(app, address):
    """A browser on another network: its pages and live connections come from `address`."""
    http = app.test_client()
    http.environ_base["REMOTE_ADDR"] = address
    return http


def spread(seconds):
    """Median, 90th percentile and worst of some durations, in milliseconds."""
    ordered = sorted(seconds)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return {"n": len(ordered), "median_ms": round(statistics.median(ordered) * 1000, 1),
            "p90_ms": round(p90 * 1000, 1), "max_ms": round(ordered[-1] * 1000, 1)}

"""``python -m finatic_server.sandbox`` / ``finatic-sandbox``: run the sandbox until Ctrl-C or SIGTERM."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from .config import FaultConfig, SandboxConfig
from .server import Sandbox

DEFAULT_PORT = 8765


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="finatic-sandbox", description="Run the Finatic sandbox server.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0 = any free port)"
    )
    p.add_argument(
        "--orders",
        type=int,
        default=SandboxConfig.orders,
        help="number of seeded orders (default %(default)s)",
    )
    p.add_argument(
        "--seed", type=int, default=SandboxConfig.seed, help="seed of the data set (default %(default)s)"
    )
    p.add_argument(
        "--access-token-ttl",
        type=float,
        default=SandboxConfig.access_token_ttl,
        metavar="S",
        help="access token lifetime in seconds (default %(default)s)",
    )
    p.add_argument(
        "--session-ttl",
        type=float,
        default=SandboxConfig.session_ttl,
        metavar="S",
        help="session lifetime in seconds (default %(default)s)",
    )
    p.add_argument(
        "--one-time-token-ttl",
        type=float,
        default=SandboxConfig.one_time_token_ttl,
        metavar="S",
        help="one-time token lifetime in seconds (default %(default)s)",
    )
    f = p.add_argument_group("fault injection (rates are probabilities per /api/v1 request)")
    f.add_argument("--rate-429", type=float, default=0.0, help="share answered 429 with Retry-After")
    f.add_argument("--rate-5xx", type=float, default=0.0, help="share answered 500, 502 or 503")
    f.add_argument("--rate-drop", type=float, default=0.0, help="share whose connection is dropped")
    f.add_argument("--rate-slow", type=float, default=0.0, help="share delayed by --slow-seconds")
    f.add_argument(
        "--slow-seconds", type=float, default=FaultConfig.slow_seconds, help="delay of a slow response"
    )
    f.add_argument(
        "--retry-after", type=float, default=FaultConfig.retry_after, help="Retry-After seconds on a 429"
    )
    f.add_argument("--fault-seed", type=int, default=0, help="seed of the fault sequence (repeats exactly)")
    p.add_argument("-v", "--verbose", action="store_true", help="log requests and faults")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        faults = FaultConfig(
            rate_429=args.rate_429,
            rate_5xx=args.rate_5xx,
            rate_drop=args.rate_drop,
            rate_slow=args.rate_slow,
            slow_seconds=args.slow_seconds,
            retry_after=args.retry_after,
            seed=args.fault_seed,
        )
        config = SandboxConfig(
            seed=args.seed,
            orders=args.orders,
            access_token_ttl=args.access_token_ttl,
            session_ttl=args.session_ttl,
            one_time_token_ttl=args.one_time_token_ttl,
            faults=faults if faults.active else None,
        )
    except ValueError as error:
        print(f"finatic-sandbox: {error}", file=sys.stderr)
        return 2

    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    sandbox = Sandbox(config, host=args.host, port=args.port)
    try:
        sandbox.start()
    except OSError as error:
        print(f"finatic-sandbox: cannot listen on {args.host}:{args.port}: {error.strerror}", file=sys.stderr)
        return 1
    try:
        print(f"Finatic sandbox listening on {sandbox.url}", flush=True)
        while not stop.wait(0.5):
            pass
    finally:
        sandbox.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Change notifications for live games: "game G is now at revision R".

The database holds the state; this only wakes the push streams so they read it. Each
process keeps a Hub of the latest revision it has heard of per game, which its streams wait
on. Without Redis, a publish goes straight to this process's hub (the embedded default: one
process). With Redis, a publish goes to a Redis channel, and one listener thread per process
relays every message to the local hub — so every process's streams wake, whichever process
made the change.

Under gunicorn's gevent workers, threading is monkey-patched: the waits and the listener are
greenlets, and thousands of waiting streams cost little.
"""

import json
import logging
import threading
import time

from .state import StateCache

log = logging.getLogger(__name__)
CHANNEL_PREFIX = "live:game:"


class Hub:
    """The latest known revision per game, and a way to wait for a newer one."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._revisions: dict[int, int] = {}

    def notify(self, game_id: int, revision: int) -> None:
        with self._condition:
            if revision > self._revisions.get(game_id, 0):
                self._revisions[game_id] = revision
                self._condition.notify_all()

    def latest(self, game_id: int) -> int:
        return self._revisions.get(game_id, 0)

    def wait(self, game_id: int, seen: int, timeout: float) -> int:
        """Block until the game passes revision ``seen`` or ``timeout`` seconds pass;
        return the latest revision known."""
        with self._condition:
            self._condition.wait_for(lambda: self.latest(game_id) > seen, timeout)
            return self.latest(game_id)


class LocalChannel:
    """One process: publishing is notifying the hub."""

    def __init__(self) -> None:
        self.hub = Hub()

    def publish(self, game_id: int, revision: int) -> None:
        self.hub.notify(game_id, revision)

    def ensure_listening(self) -> None:
        pass  # nothing to listen to


class RedisChannel:
    """Many processes: publish through Redis pub/sub; a listener relays to the local hub."""

    def __init__(self, url: str) -> None:
        import redis  # only needed when REDIS_URL is set

        self.hub = Hub()
        pool = redis.BlockingConnectionPool.from_url(url, max_connections=20, timeout=20)
        self._redis = redis.Redis(connection_pool=pool)
        self._listener: threading.Thread | None = None
        self._lock = threading.Lock()

    def publish(self, game_id: int, revision: int) -> None:
        self.hub.notify(game_id, revision)  # this process's streams need not wait for Redis
        message = json.dumps({"game": game_id, "revision": revision})
        self._redis.publish(f"{CHANNEL_PREFIX}{game_id}", message)

    def ensure_listening(self) -> None:
        """Start the relay on first use, in the process that serves (after a fork)."""
        with self._lock:
            if self._listener is None or not self._listener.is_alive():
                self._listener = threading.Thread(target=self._relay, daemon=True)
                self._listener.start()

    def _relay(self) -> None:
        while True:  # reconnect after Redis restarts; streams fall back on their timeouts
            try:
                pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
                pubsub.psubscribe(f"{CHANNEL_PREFIX}*")
                for message in pubsub.listen():
                    data = json.loads(message["data"])
                    self.hub.notify(int(data["game"]), int(data["revision"]))
            except Exception:
                log.exception("live-game relay lost Redis; reconnecting")
                time.sleep(1)


def make_channel(redis_url: str | None) -> LocalChannel | RedisChannel:
    return RedisChannel(redis_url) if redis_url else LocalChannel()


def init_app(app) -> None:
    """The process's channel and snapshot cache, kept on the app (one per process)."""
    app.extensions["live_channel"] = make_channel(app.config.get("REDIS_URL"))
    app.extensions["live_states"] = StateCache(app.config["LIVE_SNAPSHOT_SECONDS"])

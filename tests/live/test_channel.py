"""Change notifications: the in-process hub, and Redis carrying them between processes."""

import os
import threading
import time

import pytest

from app.live.channel import Hub, LocalChannel, RedisChannel


def test_the_hub_wakes_a_waiting_stream_on_a_newer_revision():
    hub = Hub()
    woke = []

    def stream():
        woke.append(hub.wait(7, seen=3, timeout=5))

    waiting = threading.Thread(target=stream)
    waiting.start()
    hub.notify(7, 3)  # not newer: nobody wakes for it
    hub.notify(8, 9)  # another game
    hub.notify(7, 4)
    waiting.join(timeout=5)
    assert woke == [4]


def test_the_hub_returns_at_the_timeout_when_nothing_changes():
    hub = Hub()
    hub.notify(1, 2)
    assert hub.wait(1, seen=2, timeout=0.05) == 2
    assert hub.wait(1, seen=1, timeout=5) == 2  # already newer: no wait


def test_the_local_channel_notifies_its_own_hub():
    channel = LocalChannel()
    channel.publish(3, 5)
    assert channel.hub.latest(3) == 5


@pytest.mark.redis
@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="needs TEST_REDIS_URL")
def test_redis_carries_a_change_to_another_process_hub():
    url = os.environ["TEST_REDIS_URL"]
    here, there = RedisChannel(url), RedisChannel(url)  # two processes' channels
    there.ensure_listening()
    game = int(time.time() * 1000) % 1_000_000_000  # a game id no other run uses now
    deadline = time.monotonic() + 5
    while there.hub.latest(game) < 3 and time.monotonic() < deadline:
        here.publish(game, 3)  # the listener may still be subscribing: publish again
        there.hub.wait(game, 0, timeout=0.2)
    assert there.hub.latest(game) == 3

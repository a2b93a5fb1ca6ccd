"""Work split in two processes: results in order, the child's failures redone here, and a
split only where it is safe."""

import os
import threading

import pytest

from lmcourse.grading import halves


@pytest.fixture
def allowed(monkeypatch):
    monkeypatch.setattr(halves, "available", lambda: True)
    monkeypatch.setattr(halves, "MIN_ITEMS", 4)


def test_halves_come_back_in_order_and_the_second_is_worked_in_another_process(allowed):
    def work(items):
        return [(x * x, os.getpid()) for x in items]
    first, second = halves.run(work, list(range(10)))
    assert [v for v, _ in first + second] == [x * x for x in range(10)]
    assert {p for _, p in first} == {os.getpid()}
    assert {p for _, p in second} != {os.getpid()}


def test_a_small_job_is_done_in_one_pass(allowed):
    assert halves.run(lambda items: sum(items), [1, 2, 3]) == [6]


def test_a_child_that_fails_has_its_half_done_here_with_again(allowed):
    parent = os.getpid()

    def work(items):
        if os.getpid() != parent:
            raise RuntimeError("lost")
        return list(items)
    assert halves.run(work, list(range(6)), again=lambda rest: ["again", *rest]) == [
        [0, 1, 2], ["again", 3, 4, 5]]


def test_a_child_killed_or_giving_what_cannot_be_sent_is_redone_here(allowed):
    parent = os.getpid()

    def killed(items):
        if os.getpid() != parent:
            os.kill(os.getpid(), 9)
        return sum(items)
    assert halves.run(killed, [1, 2, 3, 4]) == [3, 7]

    def unsendable(items):
        return (lambda: 0) if os.getpid() != parent else sum(items)
    assert halves.run(unsendable, [1, 2, 3, 4]) == [3, 7]


def test_an_error_here_stops_the_child_and_is_raised(allowed, tmp_path):
    parent = os.getpid()
    mark = tmp_path / "child-finished"

    def work(items):
        if os.getpid() == parent:
            raise ValueError("here")
        import time
        time.sleep(5)
        mark.write_text("yes")
        return items
    with pytest.raises(ValueError, match="here"):
        halves.run(work, list(range(8)))
    assert not mark.exists()


def test_both_does_the_second_task_in_a_child_and_again_here_when_it_fails(allowed,
                                                                        tmp_path):
    parent = os.getpid()
    where = tmp_path / "there"

    def there():
        where.write_text(str(os.getpid()))
    assert halves.both(lambda: "here", there, size=10) == "here"
    assert where.read_text() != str(parent)

    def failing():
        if os.getpid() != parent:
            os._exit(5)
        there()
    assert halves.both(lambda: "here", failing, size=10) == "here"
    assert where.read_text() == str(parent)
    where.unlink()
    assert halves.both(lambda: "small", there, size=3) == "small"  # in turn, here
    assert where.read_text() == str(parent)


def test_no_split_while_other_threads_run():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert halves.available() is False
    finally:
        stop.set()
        thread.join()

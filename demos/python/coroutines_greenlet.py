#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""greenlet / Switching by hand between two greenlets in one thread.

The tutorial's test1/test2: gr1.switch() and gr2.switch() jump between the
two functions; the output is 12, 56, 34, 78.  Each step also does 0.3 s of
blocking work (time.sleep) to show the catch: a greenlet that blocks
blocks the whole thread, the other greenlet cannot run meanwhile.
"""
import threading
import time

from greenlet import greenlet


def step(text):
    print(text, flush=True)
    time.sleep(0.3)


def test1():
    step(12)
    gr2.switch()
    step(34)
    gr2.switch()


def test2():
    step(56)
    gr1.switch()
    step(78)


if __name__ == '__main__':
    threading.current_thread().name = 'greenlets'
    gr1 = greenlet(test1)
    gr2 = greenlet(test2)
    gr1.switch()
    print('done: four steps, 1.2 s, one thread', flush=True)

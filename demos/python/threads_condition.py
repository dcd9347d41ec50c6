#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""Condition / A bounded buffer with threading.Condition.

The producer-consumer model with threads and a buffer of three places,
built from one lock and two Conditions on it, as queue.Queue does inside.  The
producer makes an item every 0.05 s, the consumer needs 0.3 s per item:
the buffer fills at once, and from then on the producer waits in
not_full.wait() until the consumer takes one, then not_empty.notify()
wakes the consumer when there is something to take.
"""
import threading
import time
from collections import deque

SIZE = 3
buffer = deque()
lock = threading.Lock()
not_full = threading.Condition(lock)
not_empty = threading.Condition(lock)


def producer():
    for i in range(8):
        time.sleep(0.05)
        with not_full:
            while len(buffer) == SIZE:
                not_full.wait()                   # 缓冲区满 / full: wait
            buffer.append(i)
            print('producer: put %d (%d in buffer)' % (i, len(buffer)), flush=True)
            not_empty.notify()


def consumer():
    for _ in range(8):
        with not_empty:
            while not buffer:
                not_empty.wait()                  # 缓冲区空 / empty: wait
            item = buffer.popleft()
            not_full.notify()
        print('consumer: took %d' % item, flush=True)
        time.sleep(0.3)                           # slow work


if __name__ == '__main__':
    threads = [threading.Thread(target=producer, name='producer'),
               threading.Thread(target=consumer, name='consumer')]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

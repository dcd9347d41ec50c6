#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""饥饿 / Starvation: an unfair lock that always lets readers in first.

Not in the tutorial; what thread-rwlock-py's "writers first" prevents.  The
same reader-writer lock without that rule: a reader may come in whenever no
writer is writing.  Three readers take turns, each reading 0.35 s and coming
back 0.05 s later, so that at every moment at least one of them is reading.
The writer asks at 0.2 s and must wait until nobody reads: that moment
never comes while the readers keep reading.  Only once they stop (the last
one after 2.0 s) does it write.  No reader held the lock for more than
0.35 s; the writer waited about 2 s.
读者优先的读写锁: 读者轮流读, 任何时刻总有人在读, 写者一直等到读者全部停下.
"""
import threading
import time

START = time.monotonic()
READERS_STOP = 2.0


def say(text):
    print('%.1f s  %s' % (time.monotonic() - START, text), flush=True)


class ReadersFirstLock:
    """A reader-writer lock that never makes a reader wait for a waiting writer."""

    def __init__(self):
        self.cond = threading.Condition()
        self.readers = 0
        self.writing = False

    def acquire_read(self):
        with self.cond:
            while self.writing:
                self.cond.wait()
            self.readers += 1

    def release_read(self):
        with self.cond:
            self.readers -= 1
            if self.readers == 0:
                self.cond.notify_all()

    def acquire_write(self):
        with self.cond:
            while self.writing or self.readers:
                self.cond.wait()
            self.writing = True

    def release_write(self):
        with self.cond:
            self.writing = False
            self.cond.notify_all()


def reader(lock, offset):
    time.sleep(offset)  # staggered, so that the readers overlap
    reads = 0
    while time.monotonic() - START < READERS_STOP:
        lock.acquire_read()
        time.sleep(0.35)
        reads += 1
        lock.release_read()
        time.sleep(0.05)
    say('%s stops after %d reads' % (threading.current_thread().name, reads))


def writer(lock):
    time.sleep(0.2)
    asked = time.monotonic()
    say('writer asks to write')
    lock.acquire_write()
    say('writer writes, after waiting %.1f s' % (time.monotonic() - asked))
    time.sleep(0.2)
    lock.release_write()


if __name__ == '__main__':
    lock = ReadersFirstLock()
    threads = [threading.Thread(target=reader, args=(lock, 0.13 * i), name='reader-%d' % (i + 1)) for i in range(3)]
    threads.append(threading.Thread(target=writer, args=(lock,), name='writer'))
    for t in threads:
        t.start()
    for t in threads:
        t.join()

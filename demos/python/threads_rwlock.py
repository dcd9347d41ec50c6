#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""读写锁 / A reader-writer lock: readers share it, a writer has it alone.

Not in the tutorial: the next step after its mutex (4.5).  Built from a
threading.Condition.  Three readers read at once (0.6 s each); a writer
arrives at 0.2 s and waits until the last of them has left; a fourth
reader arriving at 0.3 s, while the writer waits, is let in only after
the writer (writers first, so that a stream of readers cannot starve it).
读者可以同时读; 写者必须独占; 写者排队时新来的读者要等它写完.
"""
import threading
import time

START = time.monotonic()


def say(text):
    print('%.1f s  %s' % (time.monotonic() - START, text), flush=True)


class RWLock:
    def __init__(self):
        self.cond = threading.Condition()
        self.readers = 0
        self.writing = False
        self.writers_waiting = 0

    def acquire_read(self):
        with self.cond:
            while self.writing or self.writers_waiting:
                self.cond.wait()
            self.readers += 1

    def release_read(self):
        with self.cond:
            self.readers -= 1
            if self.readers == 0:
                self.cond.notify_all()

    def acquire_write(self):
        with self.cond:
            self.writers_waiting += 1
            while self.writing or self.readers:
                self.cond.wait()
            self.writers_waiting -= 1
            self.writing = True

    def release_write(self):
        with self.cond:
            self.writing = False
            self.cond.notify_all()


def reader(rw, delay):
    time.sleep(delay)
    rw.acquire_read()
    say('%s reads (%d reading)' % (threading.current_thread().name, rw.readers))
    time.sleep(0.6)
    rw.release_read()


def writer(rw, delay):
    time.sleep(delay)
    say('writer asks to write')
    rw.acquire_write()
    say('writer writes, alone')
    time.sleep(0.4)
    say('writer done')
    rw.release_write()


if __name__ == '__main__':
    rw = RWLock()
    threads = [threading.Thread(target=reader, args=(rw, 0.0), name='reader-%d' % i) for i in (1, 2, 3)]
    threads.append(threading.Thread(target=writer, args=(rw, 0.2), name='writer'))
    threads.append(threading.Thread(target=reader, args=(rw, 0.3), name='reader-4'))
    for t in threads:
        t.start()
    for t in threads:
        t.join()

#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""事件event / Event.wait(timeout) with retries, and clear().

The tutorial's conn_mysql example: two threads want to connect to MySQL
only once check_mysql has seen that the server is up.  Each waits at
most 0.5 s per try (event.wait(0.5)) and gives up after three tries.
check_mysql needs 1.2 s (the tutorial: a random 2-4 s, which makes the
connections time out), so they connect on their third try.  Then the
server "goes down": the main thread calls event.clear(), two new
connections find the event clear and wait again, until the check sets it
once more 0.8 s later (on their second try).
"""
import threading
import time
from threading import Event, Thread


def conn_mysql(round_name):
    count = 1
    while not event.is_set():
        if count > 3:
            raise TimeoutError('链接超时 / connection timed out')
        print('<%s> %s: try %d' % (threading.current_thread().name, round_name, count), flush=True)
        event.wait(0.5)
        count += 1
    print('<%s> %s: connected' % (threading.current_thread().name, round_name), flush=True)


def check_mysql():
    print('[check] checking mysql', flush=True)
    time.sleep(1.2)
    event.set()
    print('[check] mysql is up: event.set()', flush=True)


def recheck_mysql():
    time.sleep(0.8)
    event.set()
    print('[check] mysql is up again: event.set()', flush=True)


if __name__ == '__main__':
    event = Event()
    for round_name, checker in (('first', check_mysql), ('after clear', recheck_mysql)):
        if event.is_set():
            event.clear()
            print('[main] mysql went down: event.clear()', flush=True)
        threads = [Thread(target=conn_mysql, args=(round_name,), name='conn-%d' % i) for i in (1, 2)]
        threads.append(Thread(target=checker, name='check'))
        for t in threads:
            t.start()
        for t in threads:
            t.join()

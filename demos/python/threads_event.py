#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""事件 Event / One thread tells others to go.

Three car threads wait() for the event; the traffic-light thread set()s it
after 1.5 s and all three go at once.
"""
import time
from threading import Thread, Event, current_thread


green_light = Event()


def car():
    print('%s waits for the green light' % current_thread().name, flush=True)
    green_light.wait()
    print('%s drives on' % current_thread().name, flush=True)


def traffic_light():
    time.sleep(1.5)
    print('traffic-light: green!', flush=True)
    green_light.set()


if __name__ == '__main__':
    threads = [Thread(target=car, name='car-%d' % i) for i in range(1, 4)]
    threads.append(Thread(target=traffic_light, name='traffic-light'))
    for t in threads:
        t.start()
    for t in threads:
        t.join()

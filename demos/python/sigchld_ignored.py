#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""通过信号处理子进程退出 / Ignoring SIGCHLD: no zombies.

父进程忽略 SIGCHLD, 系统自动处理子进程退出, 不产生僵尸.
The parent ignores SIGCHLD, so the kernel reaps its children at exit.
"""
import os
import signal
import time

signal.signal(signal.SIGCHLD, signal.SIG_IGN)
for i in range(3):
    pid = os.fork()
    if pid == 0:
        time.sleep(0.2 + 0.2 * i)
        print('child %s: exiting, nobody waits for me' % os.getpid())
        os._exit(0)
time.sleep(1.5)
print('parent: I never called wait(), yet no zombie is left')

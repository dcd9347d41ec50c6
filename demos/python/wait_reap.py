#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""用 os.wait() 处理子进程退出, 避免僵尸进程 / os.wait() reaps children: no zombie lingers.

Three children end after 0.5, 1 and 1.5 s; os.wait() reaps each one.
"""
import os
import time

for i in (2, 1, 0):
    pid = os.fork()
    if pid == 0:
        time.sleep(0.5 * (i + 1))
        print('child %s: exiting with code %d' % (os.getpid(), 10 + i))
        os._exit(10 + i)

for _ in range(3):
    pid, status = os.wait()
    print('parent: os.wait() returned pid %d, exit code %d' % (pid, os.WEXITSTATUS(status)))
print('parent: every child reaped')

#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""管道通信 Pipe / Pipe(): two-way and one-way.

双向管道 (duplex=True) 与 单向管道 (duplex=False).
"""
import time
from multiprocessing import Pipe, Process


def f(conn):
    conn.send([12, {"name": "yuan"}, 'hello'])
    response = conn.recv()
    print("child: response", response)
    conn.close()


def reader(fd1):
    for _ in range(5):
        print('reader got:', fd1.recv())


if __name__ == '__main__':
    # 双向管道: 两端都能 send() 和 recv()
    parent_conn, child_conn = Pipe()
    p = Process(target=f, args=(child_conn,))
    p.start()
    print('parent got:', parent_conn.recv())
    parent_conn.send("儿子你好!")
    p.join()

    # 单向管道: fd1 只读, fd2 只写
    fd1, fd2 = Pipe(duplex=False)
    p = Process(target=reader, args=(fd1,))
    p.start()
    for i in range(5):
        fd2.send('message %d' % i)
        time.sleep(0.2)
    p.join()

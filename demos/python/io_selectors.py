#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""selectors模块 / An event loop with selectors.DefaultSelector.

The tutorial's code: sockets are register()ed with a callback (accept or
read), and the loop calls the callback of whatever sel.select() reports.
Three client processes send three lines each and check the echo.
"""
import selectors
import threading

from io_clients import echo_talker, fork_client, listen, wait_clients

sel = selectors.DefaultSelector()
served = 0


def accept(sock, mask):
    conn, addr = sock.accept()  # Should be ready
    print('accepted', conn.fileno(), 'from', addr, flush=True)
    conn.setblocking(False)
    sel.register(conn, selectors.EVENT_READ, read)


def read(conn, mask):
    global served
    data = conn.recv(1000)  # Should be ready
    if data:
        print('echoing', repr(data), 'to', conn.fileno(), flush=True)
        conn.send(data)  # Hope it won't block
    else:
        print('closing', conn.fileno(), flush=True)
        sel.unregister(conn)
        conn.close()
        served += 1


if __name__ == '__main__':
    threading.current_thread().name = 'event-loop'
    sock, port = listen()
    sock.setblocking(False)
    sel.register(sock, selectors.EVENT_READ, accept)
    clients = [fork_client('client-%d' % i, echo_talker, port, i) for i in (1, 2, 3)]
    while served < len(clients):
        events = sel.select()
        for key, mask in events:
            callback = key.data
            callback(key.fileobj, mask)
    print('%d of %d clients got every echo' % (wait_clients(clients), len(clients)))

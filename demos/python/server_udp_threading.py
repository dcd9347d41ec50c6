#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""socketserver模块 / ThreadingUDPServer: a thread per datagram.

The tutorial's UDP server: socketserver.ThreadingUDPServer with a handler
that sends the datagram back in upper case.  Here the handler also works
0.5 s first, and three client processes send at the same moment, so the
server has three handler threads alive at once: each request got its own
thread.
"""
import os
import socket
import socketserver
import time


class MyUDPhandler(socketserver.BaseRequestHandler):  # 通信 / one request
    def handle(self):
        client_data, sock = self.request
        time.sleep(0.5)                                # the work
        sock.sendto(client_data.upper(), self.client_address)


def client(port, number):
    c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    c.sendto(b'hello from client %d' % number, ('127.0.0.1', port))
    data, _ = c.recvfrom(1024)
    print('client %d got %r' % (number, data), flush=True)
    os._exit(0)


if __name__ == '__main__':
    s = socketserver.ThreadingUDPServer(('127.0.0.1', 0), MyUDPhandler)
    port = s.server_address[1]
    clients = []
    for i in range(1, 4):
        pid = os.fork()
        if pid == 0:
            s.socket.close()
            client(port, i)
        clients.append(pid)
    for _ in clients:
        s.handle_request()     # one datagram each; the handler runs in a new thread
    for pid in clients:
        os.waitpid(pid, 0)
    s.server_close()           # joins the handler threads
    print('server: three datagrams, three handler threads')

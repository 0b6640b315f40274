//! The client side of a WebSocket (RFC 6455), as much as talking to a local browser's DevTools
//! endpoint needs: the opening handshake, text messages out (masked, as a client must send
//! them) and in (possibly in fragments), and answers to pings. Written here rather than taken
//! from a crate because a crate with its TLS-free dependencies still added about a tenth to the
//! cold build behind the first `cargo book serve`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;

/// A connected WebSocket.
pub struct WebSocket {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

const TEXT: u8 = 0x1;
const CONTINUATION: u8 = 0x0;
const CLOSE: u8 = 0x8;
const PING: u8 = 0x9;
const PONG: u8 = 0xA;

impl WebSocket {
    /// Opens `path` on the server at `stream` (already connected to `host`).
    pub fn connect(stream: TcpStream, host: &str, path: &str) -> std::io::Result<WebSocket> {
        let mut writer = stream.try_clone()?;
        // The key only has to be sixteen bytes in base64; a local browser checks no more.
        write!(
            writer,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Key: Y3Jvc3MtZW50cm9weSEh\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )?;
        let mut reader = BufReader::new(stream);
        let mut status = String::new();
        reader.read_line(&mut status)?;
        if status.split_whitespace().nth(1) != Some("101") {
            return Err(std::io::Error::other(format!(
                "the server refused the WebSocket: {}",
                status.trim()
            )));
        }
        let mut line = String::new();
        while reader.read_line(&mut line)? > 2 {
            line.clear();
        }
        Ok(WebSocket { reader, writer })
    }

    /// Sends `text` as one text message.
    pub fn send(&mut self, text: &str) -> std::io::Result<()> {
        self.writer.write_all(&frame(TEXT, text.as_bytes()))?;
        self.writer.flush()
    }

    /// The next text message; an error once the server closes the connection.
    pub fn receive(&mut self) -> std::io::Result<String> {
        let mut message = Vec::new();
        loop {
            let (fin, opcode, payload) = self.read_frame()?;
            match opcode {
                TEXT | CONTINUATION => {
                    message.extend_from_slice(&payload);
                    if fin {
                        return String::from_utf8(message)
                            .map_err(|_| std::io::Error::other("a text message is not UTF-8"));
                    }
                }
                PING => {
                    self.writer.write_all(&frame(PONG, &payload))?;
                }
                CLOSE => {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::ConnectionAborted,
                        "the server closed the WebSocket",
                    ));
                }
                _ => {}
            }
        }
    }

    /// Sets how long [`WebSocket::receive`] waits before it fails.
    pub fn set_timeout(&self, timeout: std::time::Duration) -> std::io::Result<()> {
        self.reader.get_ref().set_read_timeout(Some(timeout))
    }

    fn read_frame(&mut self) -> std::io::Result<(bool, u8, Vec<u8>)> {
        let mut head = [0u8; 2];
        self.reader.read_exact(&mut head)?;
        let (fin, opcode) = (head[0] & 0x80 != 0, head[0] & 0x0F);
        let masked = head[1] & 0x80 != 0;
        let len = match head[1] & 0x7F {
            126 => {
                let mut b = [0u8; 2];
                self.reader.read_exact(&mut b)?;
                u16::from_be_bytes(b) as u64
            }
            127 => {
                let mut b = [0u8; 8];
                self.reader.read_exact(&mut b)?;
                u64::from_be_bytes(b)
            }
            n => n as u64,
        };
        let mut mask = [0u8; 4];
        if masked {
            self.reader.read_exact(&mut mask)?;
        }
        let mut payload = vec![0u8; len as usize];
        self.reader.read_exact(&mut payload)?;
        if masked {
            payload
                .iter_mut()
                .enumerate()
                .for_each(|(i, b)| *b ^= mask[i % 4]);
        }
        Ok((fin, opcode, payload))
    }
}

/// One final frame from a client: a client masks what it sends.
fn frame(opcode: u8, payload: &[u8]) -> Vec<u8> {
    let mask = [0x5A, 0x17, 0xC3, 0x88];
    let mut out = Vec::with_capacity(payload.len() + 14);
    out.push(0x80 | opcode);
    match payload.len() {
        n if n < 126 => out.push(0x80 | n as u8),
        n if n <= u16::MAX as usize => {
            out.push(0x80 | 126);
            out.extend_from_slice(&(n as u16).to_be_bytes());
        }
        n => {
            out.push(0x80 | 127);
            out.extend_from_slice(&(n as u64).to_be_bytes());
        }
    }
    out.extend_from_slice(&mask);
    out.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    /// A server that answers the handshake, reads one masked message, and sends it back in two
    /// unmasked fragments with a ping between them, then closes.
    fn echo_server() -> (std::net::SocketAddr, std::thread::JoinHandle<()>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let server = std::thread::spawn(move || {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap() > 2 {
                line.clear();
            }
            let mut w = stream;
            w.write_all(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n")
                .unwrap();
            let mut ws = WebSocket {
                reader,
                writer: w.try_clone().unwrap(),
            };
            let (fin, opcode, text) = ws.read_frame().unwrap();
            assert!(fin && opcode == TEXT);
            let (a, b) = text.split_at(text.len() / 2);
            let mut raw = |first: u8, payload: &[u8]| {
                let mut f = vec![first];
                if payload.len() < 126 {
                    f.push(payload.len() as u8);
                } else {
                    f.push(126);
                    f.extend_from_slice(&(payload.len() as u16).to_be_bytes());
                }
                f.extend_from_slice(payload);
                w.write_all(&f).unwrap();
            };
            raw(TEXT, a);
            raw(0x80 | PING, b"hi");
            raw(0x80 | CONTINUATION, b);
            raw(0x80 | CLOSE, b"");
            // The pong the client sends back.
            let (_, opcode, payload) = ws.read_frame().unwrap();
            assert_eq!((opcode, payload.as_slice()), (PONG, &b"hi"[..]));
        });
        (addr, server)
    }

    #[test]
    fn a_message_goes_out_masked_and_comes_back_in_fragments() {
        let (addr, server) = echo_server();
        let stream = TcpStream::connect(addr).unwrap();
        let mut ws = WebSocket::connect(stream, &addr.to_string(), "/devtools").unwrap();
        let long = "{\"id\":1}".repeat(40);
        ws.send(&long).unwrap();
        assert_eq!(ws.receive().unwrap(), long);
        assert!(ws.receive().is_err());
        server
            .join()
            .expect("the server saw a masked message and the pong");
    }

    #[test]
    fn frame_lengths_use_the_right_width() {
        assert_eq!(frame(TEXT, &[0; 125])[1], 0x80 | 125);
        assert_eq!(frame(TEXT, &[0; 126])[1], 0x80 | 126);
        assert_eq!(frame(TEXT, &[0; 70000])[1], 0x80 | 127);
        let f = frame(TEXT, b"ab");
        assert_eq!(&f[..2], &[0x81, 0x82]);
        assert_eq!(f[6] ^ f[2], b'a');
    }
}

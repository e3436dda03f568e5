"""The recorder's socket for the site's network: where it listens (off unless the admin says,
by `run --listen` or the stored setting), always with TLS, on a certificate the recorder makes
at first start and keeps in the data dir (the key private to the recorder's account), and known to clients by its SHA-256
fingerprint, which they pin on first connection as SSH does with a host key. No authority
signs it: a site has none, and the fingerprint is what an installer can read out and compare."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import logging
import socket
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from recorder.cameras.credentials import write_private
from recorder.index.models import Setting
from recorder.paths import DataDir

log = logging.getLogger(__name__)
LISTEN_KEY = "lan_listen"  # the stored setting: "ADDRESS:PORT"; none means loopback only
VALID_YEARS = 20  # the pin, not the dates, is what clients trust: it must outlive the recorder


def parse_address(text: str) -> tuple[str, int]:
    """'ADDRESS:PORT' ('0.0.0.0:8443', '192.168.0.10:8443', '[::]:8443') as (host, port); port 0
    picks a free one (said in recorder.json and the status)."""
    host, sep, port = text.strip().rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not sep or not port.isdigit() or not 0 <= int(port) < 65536:
        raise ValueError(f"expected ADDRESS:PORT with a port from 0 to 65535, not {text!r}")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        raise ValueError(f"expected an IP address to listen on (such as 0.0.0.0 or 192.168.0.10), not {host!r}") \
            from None
    return host, int(port)


def stored_listen(sessions) -> str | None:
    with sessions() as s:
        row = s.get(Setting, LISTEN_KEY)
        return row.value if row is not None else None


def store_listen(sessions, address: str | None) -> None:
    """The address the next start listens on (None: the site's network off)."""
    with sessions.begin() as s:
        row = s.get(Setting, LISTEN_KEY)
        if address is None:
            if row is not None:
                s.delete(row)
        else:
            s.merge(Setting(key=LISTEN_KEY, value=address))


def fingerprint_of(cert_der: bytes) -> str:
    """SHA-256 of the certificate, as 'AB:CD:…' (what `openssl x509 -fingerprint -sha256` prints)."""
    return ":".join(f"{b:02X}" for b in hashlib.sha256(cert_der).digest())


def certificate_fingerprint(data: DataDir) -> str:
    cert = x509.load_pem_x509_certificate(data.tls_cert.read_bytes())
    return fingerprint_of(cert.public_bytes(serialization.Encoding.DER))


def ensure_certificate(data: DataDir) -> tuple[Path, Path]:
    """The certificate and key files, made now if there are none."""
    if data.tls_cert.exists() and data.tls_key.exists():
        return data.tls_cert, data.tls_key
    key = ec.generate_private_key(ec.SECP256R1())
    name = socket.gethostname() or "vms-recorder"
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"VMS recorder {name}"[:64])])
    # Clients check the pinned fingerprint, not names: an address that changes (DHCP) or a
    # second interface needs no new certificate.
    alt = [x509.DNSName(name), x509.DNSName("localhost")]
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365 * VALID_YEARS))
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    write_private(data.tls_key, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                  serialization.NoEncryption()))
    data.tls_cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    log.info("made the recorder's TLS certificate, SHA-256 fingerprint %s",
             fingerprint_of(cert.public_bytes(serialization.Encoding.DER)))
    return data.tls_cert, data.tls_key

"""A self-signed certificate for the emulator's HTTPS endpoint on 127.0.0.1.

Some stacks' bucket policies deny every request without TLS (aws:SecureTransport), and moto
enforces them, so the Terraform S3 backend and the function's own clients reach the applied
buckets only over HTTPS. moto_server serves HTTPS with a given certificate and key
(--ssl-cert/--ssl-key); this writes a fresh pair for one run, valid for 127.0.0.1 and
localhost for one day. The certificate is its own CA: clients trust it through
AWS_CA_BUNDLE (Go and the AWS CLI) or NODE_EXTRA_CA_CERTS (Node). The key never leaves the
run's temporary directory.

Usage: emulator_tls.py <directory>   writes <directory>/cert.pem and <directory>/key.pem
Uses `cryptography`, which moto itself requires, so nothing new is installed.
"""

import datetime
import ipaddress
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def write_pair(directory: str) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "workout-pipeline emulator")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    key_path = os.path.join(directory, "key.pem")
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    with open(os.path.join(directory, "cert.pem"), "wb") as out:
        out.write(cert.public_bytes(serialization.Encoding.PEM))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: emulator_tls.py <directory>")
    write_pair(sys.argv[1])

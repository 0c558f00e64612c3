"""The other side of the COSE interoperability test: pycose seals and opens
the envelope's messages with the same keys, headers and external AAD.

    peer.py seal ALG KID KEY AAD PAYLOAD [IAT CTI]   -> message (hex)
    peer.py open ALG KEY AAD MESSAGE                 -> payload, then iat and cti when present (hex)

ALG is ed25519, esp256, hmac256_64 or hmac256_256; KEY the secret (the
Ed25519 seed, the P-256 scalar or the HMAC secret); byte strings in hex.
pycose 1.1 predates RFC 9864's fully specified algorithms, so -19 and -9
are registered here as Ed25519 and P-256 ECDSA; the rest is pycose's own.
"""

import sys

from cryptography.hazmat.primitives.asymmetric import ec
from pycose.algorithms import CoseAlgorithm, EdDSA, Es256, HMAC25664, HMAC256
from pycose.headers import KID, Algorithm
from pycose.keys import EC2Key, OKPKey, SymmetricKey
from pycose.keys.curves import P256, Ed25519
from pycose.messages import CoseMessage, Mac0Message, Sign1Message

P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


@CoseAlgorithm.register_attribute()
class Ed25519Alg(EdDSA):
    identifier = -19
    fullname = "Ed25519"


@CoseAlgorithm.register_attribute()
class Esp256Alg(Es256):
    identifier = -9
    fullname = "ESP256"

    @classmethod
    def sign(cls, key, data):
        # Low-S, as the envelope requires of ESP256.
        signature = super().sign(key, data)
        r, s = signature[:32], int.from_bytes(signature[32:], "big")
        if s > P256_ORDER // 2:
            s = P256_ORDER - s
        return r + s.to_bytes(32, "big")


def key_of(alg, secret):
    if alg == "ed25519":
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        public = Ed25519PrivateKey.from_private_bytes(secret).public_key()
        x = public.public_bytes(Encoding.Raw, PublicFormat.Raw)
        return Ed25519Alg, OKPKey(crv=Ed25519, d=secret, x=x)
    if alg == "esp256":
        numbers = ec.derive_private_key(int.from_bytes(secret, "big"), ec.SECP256R1()).public_key().public_numbers()
        return Esp256Alg, EC2Key(crv=P256, d=secret, x=numbers.x.to_bytes(32, "big"), y=numbers.y.to_bytes(32, "big"))
    algorithm = {"hmac256_64": HMAC25664, "hmac256_256": HMAC256}[alg]
    return algorithm, SymmetricKey(k=secret)


def main(args):
    command, alg = args[0], args[1]
    if command == "seal":
        kid, secret, aad, payload = (bytes.fromhex(a) for a in args[2:6])
        algorithm, key = key_of(alg, secret)
        header = {Algorithm: algorithm, KID: kid}
        if len(args) > 6:
            header[15] = {6: int(args[6]), 7: bytes.fromhex(args[7])}
        kind = Mac0Message if alg.startswith("hmac") else Sign1Message
        message = kind(phdr=header, payload=payload, external_aad=aad)
        message.key = key
        print(message.encode(tag=True).hex())
        return 0
    secret, aad, encoded = (bytes.fromhex(a) for a in args[2:5])
    _, key = key_of(alg, secret)
    message = CoseMessage.decode(encoded)
    message.key = key
    message.external_aad = aad
    valid = message.verify_tag() if isinstance(message, Mac0Message) else message.verify_signature()
    if not valid:
        print("invalid", file=sys.stderr)
        return 1
    print(message.payload.hex())
    claims = message.phdr.get(15)
    if claims is not None:
        print(claims[6])
        print(claims[7].hex())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Reads a Mailwright mailbox export the way an admin's tools would: Python's zipfile and email packages.

Usage: read-export-zip.py ZIP. Prints JSON: {"entries": {name: sha256 of the bytes}, "parsed": messages that
`email` parsed with a From and a Message-ID header, "sha384": of the whole zip file, "testzip": first bad entry or
null}.
"""
import email
import email.policy
import hashlib
import json
import sys
import zipfile

path = sys.argv[1]
entries = {}
parsed = 0
with zipfile.ZipFile(path) as archive:
    bad = archive.testzip()
    for info in archive.infolist():
        data = archive.read(info)
        entries[info.filename] = hashlib.sha256(data).hexdigest()
        message = email.message_from_bytes(data, policy=email.policy.default)
        if message["From"] and message["Message-ID"]:
            parsed += 1
with open(path, "rb") as handle:
    whole = hashlib.sha384(handle.read()).hexdigest()
print(json.dumps({"entries": entries, "parsed": parsed, "sha384": whole, "testzip": bad}))

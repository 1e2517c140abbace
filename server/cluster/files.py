"""Where a cluster keeps render files: an S3-compatible object store (AWS S3, MinIO, R2, SeaweedFS) through boto3,
or a folder that every replica mounts (a shared volume).

Keys are `renders/<id>/<run>/<name>` under the configured prefix. Files are written once and never changed in
place; a render's manifest names the run whose files are its own.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Protocol
from urllib.parse import urlparse


class FileStore(Protocol):
    def put(self, key: str, source: Path, media_type: str) -> None: ...

    def fetch(self, key: str, target: Path) -> bool:
        """Copies the object to `target`; False when there is none."""
        ...

    def keys(self, prefix: str) -> list[str]: ...

    def delete(self, keys: list[str]) -> None: ...

    def link(self, key: str, filename: str, media_type: str, seconds: int) -> str | None:
        """A URL a browser can download the object from for `seconds` (None: this store cannot make one)."""
        ...


class S3Files:
    """Objects in one bucket under one prefix; credentials and endpoint from the usual AWS variables."""

    def __init__(self, url: str):
        import boto3
        from botocore.config import Config

        parsed = urlparse(url)
        self.bucket = parsed.netloc
        self.prefix = parsed.path.strip("/")
        self.client = boto3.client("s3", config=Config(retries={"max_attempts": 5, "mode": "standard"},
                                                       max_pool_connections=32))

    def _key(self, key: str) -> str:
        return f"{self.prefix}/{key}" if self.prefix else key

    def put(self, key: str, source: Path, media_type: str) -> None:
        # The object carries how it is to be shown, so a presigned link needs no response-* overrides (which some
        # S3-compatible servers leave out of the signature, refusing the link).
        self.client.upload_file(str(source), self.bucket, self._key(key), ExtraArgs={
            "ContentType": media_type, "ContentDisposition": f'inline; filename="{key.rsplit("/", 1)[-1]}"'})

    def fetch(self, key: str, target: Path) -> bool:
        from botocore.exceptions import ClientError

        partial = target.with_name(f".{target.name}.part")
        try:
            self.client.download_file(self.bucket, self._key(key), str(partial))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey"):
                return False
            raise
        partial.replace(target)  # readers of the cache never see half a file
        return True

    def keys(self, prefix: str) -> list[str]:
        strip = len(self._key(""))
        found: list[str] = []
        for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket,
                                                                          Prefix=self._key(prefix)):
            found.extend(item["Key"][strip:] for item in page.get("Contents", []))
        return found

    def delete(self, keys: list[str]) -> None:
        for start in range(0, len(keys), 1000):
            chunk = [{"Key": self._key(k)} for k in keys[start:start + 1000]]
            self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": chunk, "Quiet": True})

    def link(self, key: str, filename: str, media_type: str, seconds: int) -> str | None:
        return self.client.generate_presigned_url("get_object", ExpiresIn=seconds,
                                                  Params={"Bucket": self.bucket, "Key": self._key(key)})


class SharedFolder:
    """Objects as files in a folder every replica mounts at the same path."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def put(self, key: str, source: Path, media_type: str) -> None:
        target = self.root / key
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.part")
        shutil.copyfile(source, partial)
        partial.replace(target)

    def fetch(self, key: str, target: Path) -> bool:
        source = self.root / key
        if not source.is_file():
            return False
        shutil.copyfile(source, target)
        return True

    def keys(self, prefix: str) -> list[str]:
        base = self.root / prefix
        if not base.exists():
            return []
        return [p.relative_to(self.root).as_posix() for p in base.rglob("*") if p.is_file()]

    def delete(self, keys: list[str]) -> None:
        for key in keys:
            (self.root / key).unlink(missing_ok=True)

    def link(self, key: str, filename: str, media_type: str, seconds: int) -> str | None:
        return None

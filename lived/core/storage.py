"""File storage that never leaves a half-written file under a real name.

Django's FileSystemStorage writes straight into the final file, so a full disk (or a killed process)
part-way through leaves a truncated file that looks finished: a PDF pack that opens as garbage, or
not at all. Here the content goes to a temporary file in the same folder, is flushed to disk, and only
then gets its name (a hard link, so an existing file is never overwritten unless the storage allows
it, then an atomic rename). On any error the temporary file is removed and the error raised.
"""

from __future__ import annotations

import os
import tempfile

from django.core.files.storage import FileSystemStorage


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".", suffix=".partial")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                for chunk in content.chunks():
                    handle.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                handle.flush()
                os.fsync(handle.fileno())
            if self.file_permissions_mode is not None:
                os.chmod(temporary, self.file_permissions_mode)
            while True:
                try:
                    os.link(temporary, full_path)
                    break
                except FileExistsError:
                    if self._allow_overwrite:
                        os.replace(temporary, full_path)
                        break
                    name = self.get_available_name(name)
                    full_path = self.path(name)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        return os.path.relpath(full_path, self.location).replace("\\", "/")

"""The modalities: one package per kind of answer, each exporting one `ModalitySpec` (see spec.py)."""

"""Tables without rulings read from word geometry; the entry point is
:mod:`deliberations.extract.word_tables`."""

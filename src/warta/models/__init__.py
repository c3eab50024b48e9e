"""Learned models shipped with warta (see README.md here for what each is and its data)."""

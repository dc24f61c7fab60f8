"""The edge gateway runtime: sessions per device, mapping, store-and-forward buffer, uplink."""

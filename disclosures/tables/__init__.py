"""The tables a disclosure publishes: their declaration and table sets (``declaration``), the builders that
lay data out as published (``builders``), and which set names them in messages (``presentation``)."""

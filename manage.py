#!/usr/bin/env python
from teilhabe.cli import main

if __name__ == "__main__":
    main()

"""The six registers (六个一): declared in `data/registers.yaml`, read as views over the graph."""

def pdf_blocks(data):
    raise NotImplementedError

print("adaptive")

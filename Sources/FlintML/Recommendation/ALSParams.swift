/// The params `ALS` and `ALSModel` share, with Spark's names, docs and validators (its
/// `ALSModelParams`).
enum ALSParams {
    static func userCol(_ uid: String) -> Param<String> {
        Param(parent: uid, name: "userCol", doc: "column name for user ids. Ids must be within the integer value range.")
    }

    static func itemCol(_ uid: String) -> Param<String> {
        Param(parent: uid, name: "itemCol", doc: "column name for item ids. Ids must be within the integer value range.")
    }

    static func coldStartStrategy(_ uid: String) -> Param<String> {
        Param(parent: uid, name: "coldStartStrategy",
              doc: "strategy for dealing with unknown or new users/items at prediction time. This may be useful in cross-validation or production scenarios, for handling user/item ids the model has not seen in the training data. Supported values: nan,drop.",
              validator: ParamValidator("one of: nan, drop") { value in
                  guard case let .string(text) = value else { return false }
                  return ["nan", "drop"].contains(text.lowercased())
              })
    }

    static func blockSize(_ uid: String) -> Param<Int> {
        Param(parent: uid, name: "blockSize",
              doc: "block size for stacking input data in matrices. Data is stacked within partitions. If block size is more than remaining data in a partition then it is adjusted to the size of this data.",
              validator: .gt(0))
    }

    /// Sets the defaults of the shared params on `stage`.
    static func setDefaults(_ stage: Params, userCol: Param<String>, itemCol: Param<String>, predictionCol: Param<String>,
                            coldStartStrategy: Param<String>, blockSize: Param<Int>) {
        stage.setDefault(userCol, "user")
        stage.setDefault(itemCol, "item")
        stage.setDefault(predictionCol, "prediction")
        stage.setDefault(coldStartStrategy, "nan")
        stage.setDefault(blockSize, 4096)
    }
}

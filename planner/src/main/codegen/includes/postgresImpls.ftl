<#--
  Productions added to Calcite's grammar for PostgreSQL (included by Parser.jj through
  implementationFiles, and reached through config.fmpp's extension points or
  postgresPatches.ftl). Productions are prefixed "Pg"; the nodes they build live in
  io.distgres.planner.parser.
-->

/** A parenthesized, comma-separated list of expressions: DISTINCT ON keys, ON CONFLICT target. */
SqlNodeList PgParenthesizedExpressions() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
}
{
    <LPAREN> { s = span(); }
    AddExpression(list, ExprContext.ACCEPT_SUB_QUERY)
    ( <COMMA> AddExpression(list, ExprContext.ACCEPT_SUB_QUERY) )*
    <RPAREN> {
        return new SqlNodeList(list, s.end(this));
    }
}

/** A query statement, optionally followed by row-locking clauses (FOR UPDATE ...). */
SqlNode PgQueryStatement() :
{
    final SqlNode query;
    final List<SqlLockingClause> locks = new ArrayList<SqlLockingClause>();
    SqlLockingClause lock;
}
{
    query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    ( lock = PgLockingClause() { locks.add(lock); } )*
    {
        return PostgresNodes.lockedQuery(query, locks);
    }
}

/** FOR { UPDATE | NO KEY UPDATE | SHARE | KEY SHARE } [ OF name, ... ] [ NOWAIT | SKIP LOCKED ] */
SqlLockingClause PgLockingClause() :
{
    final Span s;
    final SqlLockingClause.Strength strength;
    final List<SqlNode> tables = new ArrayList<SqlNode>();
    SqlLockingClause.WaitPolicy waitPolicy = SqlLockingClause.WaitPolicy.WAIT;
    SqlIdentifier table;
}
{
    <FOR> { s = span(); }
    (
        <UPDATE> { strength = SqlLockingClause.Strength.UPDATE; }
    |
        <NO> <KEY> <UPDATE> { strength = SqlLockingClause.Strength.NO_KEY_UPDATE; }
    |
        <SHARE> { strength = SqlLockingClause.Strength.SHARE; }
    |
        <KEY> <SHARE> { strength = SqlLockingClause.Strength.KEY_SHARE; }
    )
    [
        <OF> table = CompoundIdentifier() { tables.add(table); }
        ( <COMMA> table = CompoundIdentifier() { tables.add(table); } )*
    ]
    [
        <NOWAIT> { waitPolicy = SqlLockingClause.WaitPolicy.NOWAIT; }
    |
        <SKIP_> <LOCKED> { waitPolicy = SqlLockingClause.WaitPolicy.SKIP_LOCKED; }
    ]
    {
        return new SqlLockingClause(s.end(this), strength,
            new SqlNodeList(tables, s.pos()), waitPolicy);
    }
}

/** INSERT INTO t [AS alias] [(cols)] { DEFAULT VALUES | query } [ON CONFLICT ...] [RETURNING ...] */
SqlNode PgInsert() :
{
    final Span s;
    final SqlIdentifier table;
    SqlIdentifier alias = null;
    SqlNodeList columns = null;
    final SqlNode source;
    SqlOnConflict onConflict = null;
    SqlNodeList returning = null;
}
{
    <INSERT> { s = span(); }
    <INTO> table = CompoundTableIdentifier()
    [ <AS> alias = SimpleIdentifier() ]
    [ LOOKAHEAD(2) columns = ParenthesizedSimpleIdentifierList() ]
    (
        <DEFAULT_> <VALUES> { source = PostgresNodes.defaultValues(s.end(this)); }
    |
        source = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    )
    [ onConflict = PgOnConflict() ]
    [ returning = PgReturning() ]
    {
        return PostgresNodes.returning(
            new PostgresInsert(s.end(this), table, alias, columns, source, onConflict),
            returning);
    }
}

/** ON CONFLICT [ (target, ...) [WHERE ...] | ON CONSTRAINT name ] DO { NOTHING | UPDATE SET ... [WHERE ...] } */
SqlOnConflict PgOnConflict() :
{
    final Span s;
    SqlNodeList target = null;
    SqlNode targetWhere = null;
    SqlIdentifier constraint = null;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    final List<SqlNode> values = new ArrayList<SqlNode>();
    boolean doUpdate = false;
    SqlNode where = null;
}
{
    <ON> { s = span(); } <CONFLICT>
    [
        target = PgParenthesizedExpressions() [ targetWhere = Where() ]
    |
        <ON> <CONSTRAINT> constraint = SimpleIdentifier()
    ]
    <DO>
    (
        <NOTHING>
    |
        <UPDATE> { doUpdate = true; } <SET>
        PgAssignment(columns, values) ( <COMMA> PgAssignment(columns, values) )*
        [ where = Where() ]
    )
    {
        return new SqlOnConflict(s.end(this), target, targetWhere, constraint, doUpdate,
            doUpdate ? new SqlNodeList(columns, s.pos()) : null,
            doUpdate ? new SqlNodeList(values, s.pos()) : null, where);
    }
}

/** column = { expression | DEFAULT } */
void PgAssignment(List<SqlNode> columns, List<SqlNode> values) :
{
    final SqlIdentifier column;
    final SqlNode value;
}
{
    column = CompoundIdentifier() { columns.add(column); }
    <EQ>
    (
        value = Default()
    |
        value = Expression(ExprContext.ACCEPT_SUB_QUERY)
    )
    { values.add(value); }
}

/** RETURNING select-list */
SqlNodeList PgReturning() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
}
{
    <RETURNING> { s = span(); }
    AddSelectItem(list) ( <COMMA> AddSelectItem(list) )*
    {
        return new SqlNodeList(list, s.end(this));
    }
}

/** UPDATE t [[AS] alias] SET col = expr, ... [FROM from-list] [WHERE ...] [RETURNING ...] */
SqlNode PgUpdate() :
{
    final Span s;
    final SqlIdentifier table;
    SqlIdentifier alias = null;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    final List<SqlNode> values = new ArrayList<SqlNode>();
    SqlNode from = null;
    SqlNode where = null;
    SqlNodeList returning = null;
}
{
    <UPDATE> { s = span(); }
    table = CompoundTableIdentifier()
    [ [ <AS> ] alias = SimpleIdentifier() ]
    <SET> PgAssignment(columns, values) ( <COMMA> PgAssignment(columns, values) )*
    [ <FROM> from = FromClause() ]
    [ where = Where() ]
    [ returning = PgReturning() ]
    {
        return PostgresNodes.returning(
            new PostgresUpdate(s.end(this), table, alias, new SqlNodeList(columns, s.pos()),
                new SqlNodeList(values, s.pos()), from, where),
            returning);
    }
}

/** DELETE FROM t [[AS] alias] [USING from-list] [WHERE ...] [RETURNING ...] */
SqlNode PgDelete() :
{
    final Span s;
    final SqlIdentifier table;
    SqlIdentifier alias = null;
    SqlNode using = null;
    SqlNode where = null;
    SqlNodeList returning = null;
}
{
    <DELETE> { s = span(); }
    <FROM> table = CompoundTableIdentifier()
    [ [ <AS> ] alias = SimpleIdentifier() ]
    [ <USING> using = FromClause() ]
    [ where = Where() ]
    [ returning = PgReturning() ]
    {
        return PostgresNodes.returning(
            new PostgresDelete(s.end(this), table, alias, using, where), returning);
    }
}

/** expr::type */
void PgInfixCast(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlParserPos pos;
    final SqlDataTypeSpec type;
}
{
    <PG_INFIX_CAST> {
        checkNonQueryExpression(exprContext);
        pos = getPos();
    }
    type = DataType() {
        list.add(new SqlParserUtil.ToTreeListItem(SqlLibraryOperators.INFIX_CAST, pos));
        list.add(type);
    }
}

/** expr AT TIME ZONE zone */
void PgAtTimeZone(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlParserPos pos;
}
{
    <AT> {
        checkNonQueryExpression(exprContext);
        pos = getPos();
    }
    <TIME> <ZONE> {
        list.add(new SqlParserUtil.ToTreeListItem(PostgresOperators.AT_TIME_ZONE, pos));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}

/** Binary operators Calcite lacks: jsonb, containment, array overlap, text search. */
void PgOperator(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlOperator op;
}
{
    (
        <LAMBDA> { op = PostgresOperators.JSON_GET; }
    |   <PG_JSON_GET_TEXT> { op = PostgresOperators.JSON_GET_TEXT; }
    |   <PG_JSON_PATH> { op = PostgresOperators.JSON_PATH; }
    |   <PG_JSON_PATH_TEXT> { op = PostgresOperators.JSON_PATH_TEXT; }
    |   <PG_CONTAINS> { op = PostgresOperators.CONTAINS; }
    |   <PG_CONTAINED_BY> { op = PostgresOperators.CONTAINED_BY; }
    |   <HOOK> { op = PostgresOperators.JSONB_EXISTS; }
    |   <PG_EXISTS_ANY> { op = PostgresOperators.JSONB_EXISTS_ANY; }
    |   <PG_EXISTS_ALL> { op = PostgresOperators.JSONB_EXISTS_ALL; }
    |   <PG_OVERLAPS> { op = PostgresOperators.OVERLAPS; }
    |   <PG_TEXT_MATCH> { op = PostgresOperators.TEXT_MATCH; }
    )
    {
        checkNonQueryExpression(exprContext);
        list.add(new SqlParserUtil.ToTreeListItem(op, getPos()));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}

/** E'...' with backslash escapes */
SqlNode PgEscapeStringLiteral() :
{
}
{
    <PG_ESCAPE_STRING> {
        return PostgresNodes.escapeString(token.image, getPos());
    }
}

/** $$...$$ */
SqlNode PgDollarStringLiteral() :
{
}
{
    <PG_DOLLAR_STRING> {
        return PostgresNodes.dollarString(token.image, getPos());
    }
}

/** The ORDER BY inside an aggregate call, added to the call's operands. */
void PgAddAggregateOrderBy(List<SqlNode> list) :
{
    final SqlNodeList orderBy;
}
{
    orderBy = OrderBy(true) { list.add(orderBy); }
}

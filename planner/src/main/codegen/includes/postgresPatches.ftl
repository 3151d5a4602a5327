<#--
  Textual patches to Calcite's Parser.jj: text before "=====" is an exact anchor (every
  occurrence is replaced), text after it the replacement. See templates/Parser.jj.
-->
<#assign patches = []>
<#macro patch><#local text><#nested></#local><#assign patches = patches + [text]></#macro>

<#-- Statements: queries may carry a locking clause; INSERT/UPDATE/DELETE take PostgreSQL's
     RETURNING, ON CONFLICT, UPDATE ... FROM, DELETE ... USING and target aliases. -->
<@patch><#noparse>
        stmt = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    |
        stmt = SqlExplain()
=====
        stmt = PgQueryStatement()
    |
        stmt = SqlExplain()
</#noparse></@patch>
<@patch><#noparse>
        stmt = SqlInsert()
    |
        stmt = SqlDelete()
    |
        stmt = SqlUpdate()
=====
        stmt = PgInsert()
    |
        stmt = PgDelete()
    |
        stmt = PgUpdate()
</#noparse></@patch>

<#-- $n is a dynamic parameter with index n - 1. -->
<@patch><#noparse>
    <HOOK> {
        return new SqlDynamicParam(nDynamicParams++, getPos());
    }
=====
    <HOOK> {
        return new SqlDynamicParam(nDynamicParams++, getPos());
    }
|
    <PG_PARAM> {
        return PostgresNodes.numberedParameter(token.image, getPos());
    }
</#noparse></@patch>

<#-- PostgreSQL has no lambdas; "->" is the jsonb field operator, also inside arguments. -->
<@patch><#noparse>
        LOOKAHEAD((SimpleIdentifierOrList() | <LPAREN> <RPAREN>) <LAMBDA>)
        e = LambdaExpression()
    |
=====
</#noparse></@patch>

<#-- SELECT DISTINCT ON (expr, ...) -->
<@patch><#noparse>
    final Span s;
}
{
    <SELECT> { s = span(); }
=====
    final Span s;
    SqlNodeList distinctOn = null;
}
{
    <SELECT> { s = span(); }
</#noparse></@patch>
<@patch><#noparse>
    (
        keyword = AllOrDistinct() { keywords.add(keyword); }
    )?
=====
    (
        LOOKAHEAD(2)
        <DISTINCT> <ON> distinctOn = PgParenthesizedExpressions()
    |
        keyword = AllOrDistinct() { keywords.add(keyword); }
    )?
</#noparse></@patch>
<@patch><#noparse>
        final SqlSelect select = new SqlSelect(s.end(this), keywordList,
=====
        final SqlSelect select = PostgresNodes.select(distinctOn, s.end(this), keywordList,
</#noparse></@patch>

<#-- Array type suffix: int[], text[][], int[3] -->
<@patch><#noparse>
    (
        typeName = CollectionsTypeName(typeName)
    )*
=====
    (
        typeName = CollectionsTypeName(typeName)
    |
        <LBRACKET> [ UnsignedIntLiteral() ] <RBRACKET> {
            typeName = new SqlCollectionTypeNameSpec(typeName, SqlTypeName.ARRAY, getPos());
        }
    )*
</#noparse></@patch>

<#-- INTERVAL '1 day': a PostgreSQL interval literal carries its unit inside the string. -->
<@patch><#noparse>
        p = SimpleStringLiteral()
        intervalQualifier = IntervalQualifier() {
            return SqlParserUtil.parseIntervalLiteral(s.end(intervalQualifier),
                sign, p, intervalQualifier);
        }
    |
=====
        p = SimpleStringLiteral()
        (
            intervalQualifier = IntervalQualifier() {
                return SqlParserUtil.parseIntervalLiteral(s.end(intervalQualifier),
                    sign, p, intervalQualifier);
            }
        |
            { return PostgresNodes.interval(s.end(this), sign, p); }
        )
    |
</#noparse></@patch>

<#-- JavaCC 7 writes an action's "return" as "if (true) return", so javac no longer sees these
     final locals as assigned on every path; Calcite's own build uses an older JavaCC. -->
<@patch><#noparse>
    final SqlLiteral startNum;
    final SqlLiteral endNum;
    final SqlLiteral reluctant;
=====
    SqlLiteral startNum = null;
    SqlLiteral endNum = null;
    SqlLiteral reluctant = null;
</#noparse></@patch>
<@patch><#noparse>
SqlNode AtomicRowExpression() :
{
    final SqlNode e;
}
=====
SqlNode AtomicRowExpression() :
{
    SqlNode e = null;
}
</#noparse></@patch>

<#-- "FROM t FOR UPDATE": FOR after a table starts Calcite's FOR SYSTEM_TIME only when
     SYSTEM_TIME follows; otherwise it is a row-locking clause. -->
<@patch><#noparse>
            [ tableRef = Snapshot(tableRef) ]
=====
            [ LOOKAHEAD(2) tableRef = Snapshot(tableRef) ]
</#noparse></@patch>

<#-- "agg(x ORDER BY y)" for every aggregate (json_agg, jsonb_agg, xmlagg, user-defined ...):
     the ordering is the call's last operand, a SqlNodeList, as Calcite does for STRING_AGG. -->
<@patch><#noparse>
        AddArg(list, exprContext)
    )*
    <RPAREN>
=====
        AddArg(list, exprContext)
    )*
    [ PgAddAggregateOrderBy(list) ]
    <RPAREN>
</#noparse></@patch>
<#-- ... and the first argument of a call takes no ORDER BY as its own unless it is a query. -->
<@patch><#noparse>
    |
        e = PartitionedQueryOrQueryOrExpr(firstExprContext)
    )
=====
    |
        LOOKAHEAD(<SELECT> | <WITH> | <VALUES> | <TABLE> | <LPAREN>)
        e = PartitionedQueryOrQueryOrExpr(firstExprContext)
    |
        e = Expression(firstExprContext)
    )
</#noparse></@patch>

<#-- LIMIT/OFFSET take a parenthesized expression, as pgjdbc's simple mode sends them: LIMIT ('5'::int4). -->
<@patch><#noparse>
        e = UnsignedNumericLiteral()
    |
        e = DynamicParam()
    )
    { return e; }
=====
        e = UnsignedNumericLiteral()
    |
        e = DynamicParam()
    |
        <LPAREN> e = Expression(ExprContext.ACCEPT_NON_QUERY) <RPAREN>
    )
    { return e; }
</#noparse></@patch>
<@patch><#noparse>
        LOOKAHEAD(2)
        offsetFetch[0] = UnsignedNumericLiteralOrParam()
        <COMMA>
=====
        LOOKAHEAD(UnsignedNumericLiteralOrParam() <COMMA>)
        offsetFetch[0] = UnsignedNumericLiteralOrParam()
        <COMMA>
</#noparse></@patch>
